// Runs every test_*.mjs in this folder against KTK_TEST_URL.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = fs.readdirSync(here).filter(f => /^test_.*\.mjs$/.test(f)).sort().map(f => path.join(here, f));
process.exitCode = (await run(files)) ? 0 : 1;
