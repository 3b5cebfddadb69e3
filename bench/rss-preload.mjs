// Preloaded with `node --import ./bench/rss-preload.mjs` into every measured process: at exit it writes the
// process's peak resident set size and CPU time to the file named by BENCH_RSS_FILE, so the benchmark
// measures the process itself (not the runner, not the emulator) without the tool reporting on itself.
// The 'exit' event also fires on process.exit(), which the CLI calls to drop keep-alive sockets.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
// Children of the measured process must not overwrite the figures.
delete process.env.BENCH_RSS_FILE;

if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        // maxRSS is in kilobytes (getrusage ru_maxrss on Linux); CPU times are in microseconds.
        maxRssBytes: usage.maxRSS * 1024,
        userCpuMs: usage.userCPUTime / 1000,
        systemCpuMs: usage.systemCPUTime / 1000,
        // Bytes still on the V8 heap at exit, a hint at the live set when compared with the peak.
        heapUsedAtExitBytes: process.memoryUsage().heapUsed,
      }),
    );
  });
}
