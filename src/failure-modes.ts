/**
 * The failure modes this plugin guards against, in the order the scanner reports them.
 * Every rule names one of them in `meta.docs.failureMode`.
 */
export const failureModes = {
  'memory-drift': {
    label: 'memory drift',
    symptom: 'heap grows as a slope',
  },
  'fd-exhaustion': {
    label: 'FD / connection exhaustion',
    symptom: 'open files and sockets climb until EMFILE or an empty pool',
  },
  'timer-accumulation': {
    label: 'timer accumulation',
    symptom: 'live timers and their closures pile up',
  },
  'deadline-drift': {
    label: 'deadline drift',
    symptom: 'p99 follows the slowest upstream',
  },
  'load-amplification': {
    label: 'load amplification',
    symptom: 'one request fans out into unbounded concurrent work',
  },
  'retry-storms': {
    label: 'retry storms',
    symptom: 'every failure begets more load',
  },
  'listener-accumulation': {
    label: 'listener accumulation',
    symptom: 'MaxListenersExceededWarning, closures pinned by listeners',
  },
  'lost-work': {
    label: 'hard kills, lost work',
    symptom: 'deploys and restarts drop the requests, jobs and writes in flight',
  },
  // (tools/new-rule.js adds a new failure mode above this line)
} as const satisfies Record<string, { label: string; symptom: string }>;

export type FailureModeId = keyof typeof failureModes;

export const failureModeIds = Object.keys(failureModes) as FailureModeId[];
