package io.github.cdcverify.bench;

/**
 * Peak resident memory, in MiB. {@code null} where it could not be read (not Linux, or PostgreSQL not a process
 * of this machine).
 *
 * @param jvmPeakRssMb        this JVM's VmHWM (peak resident set) from /proc/self/status
 * @param postgresPeakPssMb   peak, over the run's samples, of the summed proportional set size of the postmaster
 *                            and its children: shared buffers counted once
 * @param postgresPeakRssMb   peak of the summed resident sets: shared memory counted in every process that touched it
 * @param postgresProcesses   processes of the server at the last sample
 * @param totalMb             JVM peak plus PostgreSQL's peak PSS
 */
public record MemoryResult(Double jvmPeakRssMb, Double postgresPeakPssMb, Double postgresPeakRssMb,
                           Integer postgresProcesses, Double totalMb) {
}
