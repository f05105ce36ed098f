export { detectLockfileFormat, FORMAT_NAMES, MAX_LOCKFILE_BYTES, readLockfile } from './read';
export { normalizeName, normalizePipName, type LockedPackage, type Lockfile, type LockfileFormat, type LockfileProblem, type LockManager } from './types';
