// Fake-camera helpers for the hand-in tests (issue #13): read the module
// grid of a QR code from a screenshot, encode a text as a QR code (byte
// mode, level L, versions 1–5; enough for a damaged hand-in token), and
// write a 640×480 YUV4MPEG2 (C420) video of codes that Chromium plays as
// its camera (--use-file-for-fake-video-capture).
import fs from "node:fs";

/**
 * The dark modules of a code screenshot (`png`: pngjs image of the app's
 * QR <svg>: `modules` + 8 quiet-zone modules wide), sampled at each
 * module's centre. Returns rows of booleans, quiet zone excluded.
 */
export function modulesFromPng(png, modules) {
  const side = modules + 8;
  const cell = png.width / side;
  const rows = [];
  for (let y = 0; y < modules; y++) {
    const row = [];
    for (let x = 0; x < modules; x++) {
      const px = Math.floor((x + 4 + 0.5) * cell), py = Math.floor((y + 4 + 0.5) * (png.height / side));
      const i = (py * png.width + px) * 4;
      row.push(png.data[i] + png.data[i + 1] + png.data[i + 2] < 384);
    }
    rows.push(row);
  }
  return rows;
}

// --- A minimal QR encoder (ISO 18004): byte mode, ECC level L, mask 0. ---
const L_BLOCKS = [0, [19, 7], [34, 10], [55, 15], [80, 20], [108, 26]]; // [data, ec] codewords, 1 block
const EXP = new Uint8Array(512), LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++, x = (x << 1) ^ (x & 0x80 ? 0x11d : 0)) { EXP[i] = x; LOG[x] = i; }
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
const mul = (a, b) => (a && b ? EXP[LOG[a] + LOG[b]] : 0);

function reedSolomon(data, n) {
  let gen = [1];
  for (let i = 0; i < n; i++) {
    const next = new Array(gen.length + 1).fill(0);
    gen.forEach((g, j) => { next[j] ^= g; next[j + 1] ^= mul(g, EXP[i]); });
    gen = next;
  }
  const rem = new Array(n).fill(0);
  for (const d of data) {
    const f = d ^ rem.shift();
    rem.push(0);
    for (let j = 0; j < n; j++) rem[j] ^= mul(gen[j + 1], f);
  }
  return rem;
}

/** Encode `text` (UTF-8) as QR modules: rows of booleans. */
export function encodeQr(text) {
  const bytes = [...Buffer.from(text, "utf8")];
  const version = L_BLOCKS.findIndex((b, v) => v > 0 && bytes.length + 2 <= b[0]);
  if (version < 1) throw new Error(`encodeQr: ${bytes.length} bytes is too long`);
  const [dataLen, ecLen] = L_BLOCKS[version];
  const bits = [];
  const put = (v, n) => { for (let i = n - 1; i >= 0; i--) bits.push((v >> i) & 1); };
  put(0b0100, 4); put(bytes.length, 8); bytes.forEach((b) => put(b, 8));
  put(0, Math.min(4, dataLen * 8 - bits.length));
  while (bits.length % 8) bits.push(0);
  const data = [];
  for (let i = 0; i < bits.length; i += 8) data.push(parseInt(bits.slice(i, i + 8).join(""), 2));
  for (let p = 0; data.length < dataLen; p++) data.push(p % 2 ? 0x11 : 0xec);
  const codewords = data.concat(reedSolomon(data, ecLen));

  const n = 17 + 4 * version;
  const m = Array.from({ length: n }, () => new Array(n).fill(false));
  const fn = Array.from({ length: n }, () => new Array(n).fill(false));
  const set = (x, y, dark) => { m[y][x] = dark; fn[y][x] = true; };
  for (const [cx, cy] of [[3, 3], [n - 4, 3], [3, n - 4]]) {
    for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) {
      const x = cx + dx, y = cy + dy;
      if (x < 0 || y < 0 || x >= n || y >= n) continue;
      const d = Math.max(Math.abs(dx), Math.abs(dy));
      set(x, y, d !== 2 && d !== 4);
    }
  }
  for (let i = 8; i < n - 8; i++) { set(6, i, i % 2 === 0); set(i, 6, i % 2 === 0); }
  if (version > 1) {
    const a = n - 7;
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(a + dx, a + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
  }
  // Format information: level L (01), mask 0 (000), BCH(15,5), XOR 0x5412.
  let fmt = 0b01000 << 10;
  for (let i = 14; i >= 10; i--) if ((fmt >> i) & 1) fmt ^= 0x537 << (i - 10);
  fmt = ((0b01000 << 10) | fmt) ^ 0x5412;
  const fbit = (i) => ((fmt >> i) & 1) === 1;
  for (let i = 0; i <= 5; i++) set(8, i, fbit(i));
  set(8, 7, fbit(6)); set(8, 8, fbit(7)); set(7, 8, fbit(8));
  for (let i = 9; i < 15; i++) set(14 - i, 8, fbit(i));
  for (let i = 0; i < 8; i++) set(n - 1 - i, 8, fbit(i));
  for (let i = 8; i < 15; i++) set(8, n - 15 + i, fbit(i));
  set(8, n - 8, true); // the dark module
  // Data, in the zig-zag order, mask 0 ((x + y) % 2 == 0 flips).
  let k = 0;
  const all = codewords.flatMap((c) => [7, 6, 5, 4, 3, 2, 1, 0].map((i) => (c >> i) & 1));
  for (let right = n - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < n; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? n - 1 - vert : vert;
        if (fn[y][x]) continue;
        const bit = k < all.length ? all[k++] === 1 : false;
        m[y][x] = bit !== ((x + y) % 2 === 0);
      }
    }
  }
  return m;
}

// --- The fake camera's video. ---
export const W = 640, H = 480;

/** One grey 640×480 frame (Y plane) showing `modules` big and centred with a white quiet zone; `null`: an empty desk. */
export function frame(modules) {
  const y = Buffer.alloc(W * H, 110);
  if (!modules) return y;
  const n = modules.length;
  const px = Math.floor((H - 40) / (n + 8));
  const side = px * (n + 8), x0 = (W - side) >> 1, y0 = (H - side) >> 1;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const mx = Math.floor(c / px) - 4, my = Math.floor(r / px) - 4;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && modules[my][mx];
      y[(y0 + r) * W + x0 + c] = dark ? 20 : 235;
    }
  }
  return y;
}

/**
 * Write a YUV4MPEG2 (C420) video: `scenes` is a list of [modules or null,
 * seconds]; `fps` frames a second. Chromium loops it as the camera.
 */
export function writeY4m(file, scenes, fps = 5) {
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, `YUV4MPEG2 W${W} H${H} F${fps}:1 Ip A1:1 C420jpeg\n`);
  for (const [modules, seconds] of scenes) {
    const y = frame(modules);
    for (let i = 0; i < Math.round(seconds * fps); i++) {
      fs.writeSync(fd, "FRAME\n");
      fs.writeSync(fd, y);
      fs.writeSync(fd, chroma);
      fs.writeSync(fd, chroma);
    }
  }
  fs.closeSync(fd);
}

/** An RGBA image of `modules` (4 px a module, quiet zone), for checking with jsQR. */
export function rgba(modules, px = 4) {
  const n = modules.length, side = (n + 8) * px;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
    const mx = Math.floor(x / px) - 4, my = Math.floor(y / px) - 4;
    if (mx >= 0 && my >= 0 && mx < n && my < n && modules[my][mx]) {
      const i = (y * side + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
  }
  return { data, width: side, height: side };
}
