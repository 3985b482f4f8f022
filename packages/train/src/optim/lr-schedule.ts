/**
 * PyTorch `ExponentialLR` stepped once per iteration: the learning rate used at step t
 * (0-based, before the scheduler has stepped t times) is base · γ^t. Computed in closed form in
 * float64 so a resumed run gets the same rate bit for bit.
 */
export function exponentialLr(base: number, gamma: number, step: number): number {
  return base * gamma ** step;
}
