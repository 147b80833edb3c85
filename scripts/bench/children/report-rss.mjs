// Preloaded with `node --import` by the bench: prints the process's peak RSS (KB) on stderr at
// exit, behind a marker the bench strips. Synchronous write: 'exit' handlers cannot wait.
import { writeSync } from 'node:fs';
import { peakRssKB } from './peak-rss.mjs';

process.on('exit', () => {
  try {
    writeSync(2, `\n@@adsgen-bench-maxrss=${peakRssKB()}\n`);
  } catch {
    // stderr already closed: no number, nothing else lost.
  }
});
