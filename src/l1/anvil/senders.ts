import { Wallet, toQuantity } from 'ethers';
import { accountAt } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { BlobSidecar } from './kzg.ts';
import type { AnvilNode } from './node.ts';

/** What one transaction asks of the node, its sender aside. */
export interface NodeCall {
  readonly to: string;
  readonly data: string;
  readonly value: bigint;
  /** EIP-4844 blobs with their KZG sidecar: the call goes as a type-3 transaction. */
  readonly blobs?: readonly BlobSidecar[];
  /** The blob base fee the transaction bids (the node's next-block fee). */
  readonly maxFeePerBlobGas?: bigint;
}

/** Every transaction may use up to this much gas; the node's block limit is far above, so a block holds any number. */
export const TX_GAS_LIMIT = 30_000_000n;

/**
 * Signs and hands transactions to the node. Actors sign with real secp256k1 keys derived
 * from their names (src/crypto/accounts.ts); an address with no known key is impersonated.
 * Fees are zero (the node runs with base fee and gas price 0). Nonces come from the node
 * once per sender and are counted here; a reorg makes them stale (forgetNonces).
 */
export class Senders {
  private readonly wallets = new Map<string, Wallet>();
  private readonly impersonated = new Set<string>();
  private nonces = new Map<string, number>();

  constructor(
    private readonly node: AnvilNode,
    private readonly chainId: number,
  ) {}

  /** Submits one call; returns its hash. An RpcError means the node refused it, and the nonce stays unused. */
  async send(from: string, call: NodeCall): Promise<Hex> {
    const sender = from.toLowerCase();
    const nonce = await this.nonceOf(sender);
    const key = accountAt(sender);
    const hash = key ? await this.sendSigned(this.wallet(sender, key.privateKey), call, nonce) : await this.sendImpersonated(sender, call, nonce);
    this.nonces.set(sender, nonce + 1);
    return hash;
  }

  forgetNonces(): void {
    this.nonces = new Map();
  }

  private async sendSigned(wallet: Wallet, call: NodeCall, nonce: number): Promise<Hex> {
    const { blobs, maxFeePerBlobGas, ...plainCall } = call;
    const fees = { gasLimit: TX_GAS_LIMIT, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };
    const blobFields = blobs?.length
      ? { type: 3, blobVersionedHashes: blobs.map((b) => b.versionedHash), maxFeePerBlobGas, blobs: blobs.map(({ data, commitment, proof }) => ({ data, commitment, proof })) }
      : { type: 2 };
    const raw = await wallet.signTransaction({ chainId: this.chainId, nonce, ...plainCall, ...fees, ...blobFields });
    return this.node.rpc<Hex>('eth_sendRawTransaction', [raw]);
  }

  private async sendImpersonated(from: string, call: NodeCall, nonce: number): Promise<Hex> {
    if (call.blobs?.length) throw new Error(`blob transactions need the sender's key, and ${from} has none: name it with an account (src/crypto/accounts.ts)`);
    if (!this.impersonated.has(from)) {
      await this.node.rpc('anvil_impersonateAccount', [from]);
      this.impersonated.add(from);
    }
    const request = { from, to: call.to, data: call.data, value: toQuantity(call.value), nonce: toQuantity(nonce), gas: toQuantity(TX_GAS_LIMIT) };
    return this.node.rpc<Hex>('eth_sendTransaction', [{ ...request, maxFeePerGas: '0x0', maxPriorityFeePerGas: '0x0' }]);
  }

  private async nonceOf(sender: string): Promise<number> {
    let nonce = this.nonces.get(sender);
    if (nonce === undefined) {
      nonce = Number(await this.node.rpc<string>('eth_getTransactionCount', [sender, 'latest']));
      this.nonces.set(sender, nonce);
    }
    return nonce;
  }

  private wallet(sender: string, privateKey: string): Wallet {
    let w = this.wallets.get(sender);
    if (!w) {
      w = new Wallet(privateKey);
      this.wallets.set(sender, w);
    }
    return w;
  }
}
