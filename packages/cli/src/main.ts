export async function main(_argv: string[]): Promise<number> {
  process.stdout.write('vrvq 0.1.0\n');
  return 0;
}
