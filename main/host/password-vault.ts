/** The part of Electron's safeStorage the vault uses (injected: this module runs under plain Node too). */
export interface KeyringStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  /** Linux only: which keyring backs the encryption ('basic_text' is a fixed key, not a keyring). */
  getSelectedStorageBackend(): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string }>;
}

/**
 * The PBX password: encrypted with the OS keyring (Electron safeStorage) and stored as ciphertext; decrypted
 * only in main, when the PBX client needs it. Where the OS has no keyring (Linux with the "basic_text"
 * backend, whose "encryption" uses a fixed key) it is not written anywhere and lives in memory for this session.
 */
export class PasswordVault {
  private plain: string | undefined;

  constructor(
    private readonly safeStorage: KeyringStorage,
    private readonly platform: NodeJS.Platform,
  ) {}

  /** True when the password cannot be stored safely and is kept for this session only. */
  async inMemoryOnly(): Promise<boolean> {
    if (!(await this.safeStorage.isAsyncEncryptionAvailable())) return true;
    return this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text';
  }

  /** Encrypts a new password; returns the ciphertext to store ('' when it must not be stored). */
  async seal(password: string): Promise<string> {
    this.plain = password;
    if (!password || (await this.inMemoryOnly())) return '';
    return (await this.safeStorage.encryptStringAsync(password)).toString('base64');
  }

  /** The password for the PBX client: this session's, or decrypted from the stored ciphertext. */
  async open(cipher: string): Promise<string> {
    if (this.plain !== undefined) return this.plain;
    if (!cipher || (await this.inMemoryOnly())) return '';
    const { result } = await this.safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
    this.plain = result;
    return result;
  }

  /** Drops this session's password; the caller clears the stored ciphertext with it. */
  forget(): void {
    this.plain = undefined;
  }

  isSet(cipher: string): boolean {
    return Boolean(this.plain) || Boolean(cipher);
  }
}
