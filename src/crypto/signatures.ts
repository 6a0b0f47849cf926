import { SigningKey, recoverAddress } from 'ethers';
import { accountAt, type Account, type Address } from './accounts.ts';
import { keccakHex, type Hex } from './keccak.ts';

/**
 * Two signature schemes with one verifier. `ideal` is the textbook ideal signature
 * functionality — a keyed hash only the key holder can produce — and costs one keccak,
 * which is what lets the model run tens of thousands of channel updates a second.
 * `secp256k1` is Ethereum's real ECDSA; anvil runs always use it because Solidity can
 * only `ecrecover`. They differ in length (32 vs 65 bytes), so the verifier needs no flag.
 */
export type SignatureScheme = 'ideal' | 'secp256k1';

export function sign(scheme: SignatureScheme, signer: Account, digest: Hex): Hex {
  if (scheme === 'ideal') return keccakHex(signer.privateKey, digest);
  return new SigningKey(signer.privateKey).sign(digest).serialized as Hex;
}

export function signerOf(digest: Hex, signature: string, claimed: Address): boolean {
  if (signature.length === 66) {
    const holder = accountAt(claimed);
    return holder !== undefined && keccakHex(holder.privateKey, digest) === signature;
  }
  if (signature.length === 132) {
    try {
      return recoverAddress(digest, signature).toLowerCase() === claimed.toLowerCase();
    } catch {
      return false;
    }
  }
  return false;
}
