import fc from 'fast-check';
import { ZkProver } from '../protocols/zk/prover.ts';
import { defineCapability } from './capability.ts';

/**
 * The adversary controls the zk prover and proves with the sender-balance constraint left
 * out, so an overdraft comes out as a valid-looking proof. A sound verifier re-executes
 * and rejects it; only a verifier missing the same constraint accepts it.
 */
export const signInvalidProof = defineCapability<Record<string, never>>({
  name: 'sign-invalid-proof',
  description: 'the prover proves state transitions with the sender-balance constraint left out',
  async apply(world) {
    const prover = world.actorsWith('operator').find((a): a is ZkProver => a instanceof ZkProver);
    if (!prover) return 'no zk prover is running: nothing to corrupt';
    prover.circuit = { ...prover.circuit, senderBalance: false };
    return `${prover.name} now proves without the sender-balance constraint`;
  },
  arbitrary: () => fc.constant({}),
});
