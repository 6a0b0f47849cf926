export const WEI_PER_ETH = 10n ** 18n;

/** Whole or fractional ether (to 1e-6) in wei. */
export function eth(amount: number): bigint {
  return (BigInt(Math.round(amount * 1e6)) * WEI_PER_ETH) / 1_000_000n;
}

export function formatEth(wei: bigint): string {
  const sign = wei < 0n ? '-' : '';
  const abs = wei < 0n ? -wei : wei;
  const whole = abs / WEI_PER_ETH;
  // Six decimals at most, and no trailing zeros after the cut (0.4575 ETH, not 0.457500 ETH).
  const frac = (abs % WEI_PER_ETH).toString().padStart(18, '0').slice(0, 6).replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''} ETH`;
}
