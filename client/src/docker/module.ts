// The entry of dist/docker.js: everything the Docker commands run, loaded on
// their first use (client/src/docker/register.ts), so that activation does not
// pay for the container module and the Dockerfile model.
export { createFeatures } from './features';
export { generateLockfile } from './lock';
export { captureEnvironment } from './envDiff';
