/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export interface Palette {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: Palette = { red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

function wrap(code: number, reset: number): (s: string) => string {
  return (s) => `\u001b[${code}m${s}\u001b[${reset}m`;
}

const ansi: Palette = { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };

export function palette(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
  return stream.isTTY && !env.NO_COLOR ? ansi : plain;
}
