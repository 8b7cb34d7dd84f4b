/**
 * How values read in messages and options, the same in every layer: durations typed as {@code 20s} and printed as
 * {@code 20 s}. Depends on nothing of cdc-verify.
 */
package io.github.cdcverify.text;
