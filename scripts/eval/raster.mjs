// A tiny RGB raster: rectangles, pixels, lines and 5×7 bitmap text, saved through png.mjs.
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './font5x7.mjs';
import { encodePng } from './png.mjs';

export class Raster {
  /**
   * @param {number} width
   * @param {number} height
   * @param {[number, number, number]} background
   */
  constructor(width, height, background = [255, 255, 255]) {
    this.width = width;
    this.height = height;
    this.data = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  /** Sets one pixel (ignored outside the image). */
  set(x, y, [r, g, b]) {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.data[i] = r;
    this.data[i + 1] = g;
    this.data[i + 2] = b;
  }

  /** Reads one pixel. */
  get(x, y) {
    const i = (y * this.width + x) * 3;
    return [this.data[i], this.data[i + 1], this.data[i + 2]];
  }

  fillRect(x, y, w, h, color) {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) this.set(xx, yy, color);
    }
  }

  /** 1-pixel line from (x0, y0) to (x1, y1). */
  line(x0, y0, x1, y1, color) {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) this.set(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, color);
  }

  /** Width in pixels of `text` at `scale`. */
  static textWidth(text, scale = 1) {
    return [...text].length * (GLYPH_WIDTH + 1) * scale - scale;
  }

  /** Draws text with its top-left corner at (x, y). */
  text(x, y, text, color, scale = 1) {
    let cx = x;
    for (const ch of text) {
      const rows = glyph(ch);
      for (let r = 0; r < GLYPH_HEIGHT; r++) {
        for (let c = 0; c < GLYPH_WIDTH; c++) {
          if (rows[r][c] === '#') this.fillRect(cx + c * scale, y + r * scale, scale, scale, color);
        }
      }
      cx += (GLYPH_WIDTH + 1) * scale;
    }
  }

  toPng() {
    return encodePng(this.width, this.height, this.data);
  }
}
