// Builds the web map into site/ (embedded in the binary by embed.go):
// site/index.html, site/assets/app.js and site/assets/app.css. The output
// depends only on the sources and package-lock.json, so a build is
// reproducible; `make web` runs it when a source is newer than the output.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const site = join(here, 'site');

// Empty site/ except the committed .gitkeep (embed needs the folder).
await mkdir(site, { recursive: true });
for (const name of await readdir(site)) {
  if (name !== '.gitkeep') await rm(join(site, name), { recursive: true, force: true });
}

const result = await esbuild.build({
  entryPoints: { app: join(here, 'src/main.ts') },
  outdir: join(site, 'assets'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  minify: true,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
await copyFile(join(here, 'src/index.html'), join(site, 'index.html'));

let total = 0;
for (const [name, out] of Object.entries(result.metafile.outputs)) {
  total += out.bytes;
  console.log(`${name.replace(here, '')}\t${(out.bytes / 1024).toFixed(0)} KiB`);
}
console.log(`total\t${(total / 1024).toFixed(0)} KiB`);
