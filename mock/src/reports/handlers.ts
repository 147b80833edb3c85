import type { ReportJobs } from './jobs.ts';

/** SubmitGenerateReport and PollGenerateReport over the mock's report jobs. */
export function reportingHandler(
  jobs: ReportJobs,
  origin: string,
  operation: string,
): ((request: Record<string, unknown>) => unknown) | undefined {
  if (operation === 'SubmitGenerateReport') return (r) => jobs.submit(r);
  if (operation === 'PollGenerateReport') return (r) => jobs.poll(r, origin);
  return undefined;
}
