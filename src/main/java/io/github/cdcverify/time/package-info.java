/**
 * Time as every layer uses it: durations typed as {@code 20s} and printed as {@code 20 s}, and bounded waits for a
 * condition. Depends on nothing of cdc-verify.
 */
package io.github.cdcverify.time;
