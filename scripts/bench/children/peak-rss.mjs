// This process's peak RSS in KB.
//
// On Linux it is VmHWM from /proc/self/status, not getrusage's maxRSS: a bench child is forked
// from the bench process and then execs node, and the kernel carries the forked copy's RSS (the
// whole bench process's, often 100–300 MB) over into maxRSS. VmHWM belongs to the memory map
// exec made, so it is this process's own. Elsewhere getrusage is all there is.
//
// node:fs is taken when the peak is read, not imported: cold-start children load this module on
// their timed path.

export function peakRssKB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(
      process.getBuiltinModule('node:fs').readFileSync('/proc/self/status', 'utf8'),
    );
    if (hwm) return Number(hwm[1]);
  } catch {
    // No /proc: not Linux.
  }
  return process.resourceUsage().maxRSS;
}
