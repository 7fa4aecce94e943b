// The SVG charts open in a real browser (Debian's headless Chromium) and draw
// something: the SPC chart, funnel plot and spine chart from `unlock`, rendered
// and counted pixel by pixel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
const bin = process.env.UNLOCK_BIN || join(root, 'build', 'unlock');

// Counts the pixels drawn, and those near one colour (Making Data Count's
// improvement blue, #00b0f0, unless another is given).
async function inkedPixels(browser, svg, colour = [0x00, 0xb0, 0xf0]) {
  const page = await browser.newPage();
  try {
    // Drawn through an <img> onto a canvas, as a page embedding the chart would show it.
    return await page.evaluate(async ([text, want]) => {
      const img = new Image();
      img.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(text)));
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0, matching = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (r < 240 || g < 240 || b < 240) inked++;
        if (Math.abs(r - want[0]) < 30 && Math.abs(g - want[1]) < 30 && Math.abs(b - want[2]) < 30) matching++;
      }
      return { width: canvas.width, height: canvas.height, inked, matching };
    }, [svg, colour]);
  } finally {
    await page.close();
  }
}

test('SPC, funnel and spine SVGs render non-blank in Chromium', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'unlock-svg-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // A series that steps up half way: the later points are special-cause improvements.
    const rows = ['period,value'];
    for (let i = 0; i < 24; i++) {
      const month = `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      rows.push(`${month},${(i < 12 ? 50 : 70) + ((i * 7) % 5) - 2}`);
    }
    writeFileSync(join(dir, 'spc.csv'), rows.join('\n') + '\n');
    execFileSync(bin, ['spc', '--csv', 'spc.csv', '--improvement', 'increase', '--svg', 'spc.svg'],
                 { cwd: dir });
    const spc = await inkedPixels(browser, readFileSync(join(dir, 'spc.svg'), 'utf8'));
    assert.equal(spc.width, 800);
    assert.ok(spc.inked > 2000, `SPC chart drew only ${spc.inked} pixels`);
    assert.ok(spc.matching > 50, `SPC chart shows no improvement-blue points (${spc.matching})`);

    writeFileSync(join(dir, 'f.csv'), 'org,numerator,denominator\nA,10,100\nB,30,200\nC,50,200\n');
    execFileSync(bin, ['funnel', '--csv', 'f.csv', '--svg', 'f.svg'], { cwd: dir });
    const funnel = await inkedPixels(browser, readFileSync(join(dir, 'f.svg'), 'utf8'));
    assert.ok(funnel.inked > 2000, `funnel plot drew only ${funnel.inked} pixels`);

    // The demo's antibiotic prescribing: a spine row per practice, the worse ones in
    // Fingertips red (#c00000).
    execFileSync(bin, ['demo', '--db', 'd.db'], { cwd: dir });
    execFileSync(bin, ['compare', '--indicator', 'ABX', '--period', '2026-03', '--svg', 'c.svg',
                       '--db', 'd.db'], { cwd: dir });
    const spine = await inkedPixels(browser, readFileSync(join(dir, 'c.svg'), 'utf8'),
                                    [0xc0, 0x00, 0x00]);
    assert.ok(spine.inked > 20000, `spine chart drew only ${spine.inked} pixels`);
    assert.ok(spine.matching > 100, `spine chart shows no red markers for worse (${spine.matching})`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
