// Preloaded into a benchmarked process (node --require): records its peak resident memory.
const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.OPSC_BENCH_RSS) appendFileSync(process.env.OPSC_BENCH_RSS, `${process.resourceUsage().maxRSS}\n`);
});
