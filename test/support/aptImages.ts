// The lesson's apt Dockerfiles (seed 2.ubuntu, Dockerfile.1 to .3), built FROM
// debian:bookworm-slim since no hub is reachable here: the heavy images the
// Build and Measure tests share, each built once per machine (fixtureImage).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureImage } from './images';

const SEED = path.join(__dirname, '..', 'fixtures', 'seed-workshop', 'exercises', '2.ubuntu');

/** The seed's text with its FROM line on the local base image; the line numbers stay the lesson's. */
export function aptDockerfile(n: 1 | 2 | 3): string {
  return fs.readFileSync(path.join(SEED, `Dockerfile.${n}`), 'utf8').replace(/^FROM ubuntu:18\.04$/m, 'FROM debian:bookworm-slim');
}

/** The image of the seed's Dockerfile.n, built once and shared. */
export function aptImage(n: 1 | 2 | 3): string {
  return fixtureImage(`apt-${n}`, aptDockerfile(n));
}
