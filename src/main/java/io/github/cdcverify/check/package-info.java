/**
 * The command line's checks of a running pipeline, each one line of output and a JUnit XML test case: the built-in
 * ones on a temporary connector of their own, and ({@code deployed}) those of the user's connector. They use
 * {@code verify} to judge and {@code scenario} to drive.
 */
package io.github.cdcverify.check;
