/** Modified Bessel function of the first kind, order 0 (power series; converges for all x). */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser's β for a stopband attenuation of `attenuationDb` (Kaiser 1974 / Oppenheim–Schafer). */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/** Kaiser's estimate of the filter length for an attenuation and a transition width in rad/sample. */
export function kaiserLength(attenuationDb: number, transitionRad: number): number {
  return Math.ceil((attenuationDb - 7.95) / (2.285 * transitionRad)) + 1;
}

/** Kaiser window at u ∈ [-1, 1] (0 outside), normalised to 1 at the centre. */
export function kaiserWindow(u: number, beta: number, i0Beta = besselI0(beta)): number {
  if (u <= -1 || u >= 1) return 0;
  return besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
}

/** sin(πx)/(πx), 1 at 0. */
export function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}
