/** A recording that cannot be cut: damaged, or not the format it claims to be. */
export class TrimError extends Error {
  override readonly name = 'TrimError';
}
