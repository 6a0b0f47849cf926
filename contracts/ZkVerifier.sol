// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IDelayedInbox} from "./interfaces/IDelayedInbox.sol";
import {ISequencerInbox} from "./interfaces/ISequencerInbox.sol";
import {IZkVerifier} from "./interfaces/IZkVerifier.sol";
import {Decimal} from "./lib/Decimal.sol";
import {HexText} from "./lib/HexText.sol";
import {RollupState} from "./lib/RollupState.sol";
import {SignatureCheck} from "./lib/SignatureCheck.sol";

/// The zk rollup's state commitments (src/l1/memory/contracts/zk-verifier.ts): a root is
/// accepted only with a validity proof, checked by re-executing the batches over Merkle
/// witnesses from the last verified root (src/protocols/zk/circuit.ts). Verified roots are
/// final at once. Proving is permissioned, as on StarkEx and zkSync Era, which is why a
/// forced request that waits past the deadline lets anyone freeze the verifier, and users
/// then leave through the escape hatch against the last verified root.
///
/// Twin flags: `senderBalance` off is `unsound-verifier` (the circuit misses exactly the
/// sender-balance constraint); `hasDeadline` off is a rollup that cannot be frozen.
contract ZkVerifier is IZkVerifier {
    /// A signed L2 transaction (TS `SignedTx.body` and `signature`): kind 1 transfer, 2 withdrawal.
    struct SignedTransaction {
        uint8 kind;
        address from;
        address to;
        uint256 amountWei;
        uint64 nonce;
        bytes memo;
        bytes signature;
    }

    /// One touched account leaf: its pre-state, and its siblings against the running accounts root at its turn.
    struct LeafWitness {
        address account;
        uint256 balanceWei;
        uint64 nonce;
        bytes32[] siblings;
    }

    /// One proven item (TS `ProofStep`): `delayed` picks delayed message `delayedIndex`, else `transaction`.
    struct ProofStep {
        bool delayed;
        uint64 delayedIndex;
        SignedTransaction transaction;
        LeafWitness[] leaves;
        bytes32[] withdrawalSiblings;
    }

    /// The verifier's running view while it re-executes one proof.
    struct Running {
        RollupState.StateRoots roots;
        uint64 delayedRead;
    }

    event BatchVerified(uint64 index, bytes32 stateRoot, uint64 batchCount, address proposer, uint64 postedBlock, int64 parentIndex, uint64 steps);
    event Frozen(uint64 delayedIndex, address by);

    ISequencerInbox internal immutable rollupInbox;
    IDelayedInbox internal immutable delayedInbox;
    address internal immutable prover;
    uint256 internal immutable chainId;
    bool internal immutable senderBalance;
    bool internal immutable hasDeadline;
    uint64 internal immutable freezeDeadlineBlocks;

    mapping(uint256 => Commitment) private commitments;
    uint64 private total;
    RollupState.StateRoots private roots;
    uint64 private delayedRead;
    /// Account leaf index + 1 by address (0: unregistered). Accounts take the next index on
    /// first write, so an unregistered account is provably empty.
    mapping(address => uint64) private accountSlot;
    bool private frozen;

    constructor(
        ISequencerInbox rollupInbox_,
        IDelayedInbox delayedInbox_,
        address prover_,
        uint256 chainId_,
        RollupState.StateRoots memory genesis,
        bool senderBalance_,
        bool hasDeadline_,
        uint64 freezeDeadlineBlocks_
    ) {
        rollupInbox = rollupInbox_;
        delayedInbox = delayedInbox_;
        prover = prover_;
        chainId = chainId_;
        senderBalance = senderBalance_;
        hasDeadline = hasDeadline_;
        freezeDeadlineBlocks = freezeDeadlineBlocks_;
        roots = genesis;
        commitments[0] = Commitment(0, RollupState.stateRootOf(genesis), 0, address(this), 0, -1);
        total = 1;
    }

    /// Accepts `stateRoot` after `batchCount` inbox entries if `steps` re-execute to it from
    /// the latest commitment. `hasProof` false is a proposal without a proof (TS `proof` undefined).
    function propose(bytes32 stateRoot, uint64 batchCount, int64 parentIndex, bool hasProof, ProofStep[] calldata steps) external {
        require(msg.sender == prover, "only the prover submits validity proofs");
        require(!frozen, "the rollup is frozen");
        require(hasProof, "a state root needs a validity proof");
        Commitment memory parent = commitments[total - 1];
        require(
            parentIndex == int64(parent.index),
            string.concat("commitment ", signedText(parentIndex), " is not the latest (", Decimal.toString(parent.index), ")")
        );
        require(batchCount > parent.batchCount, string.concat("proof must cover more than ", Decimal.toString(parent.batchCount), " batches"));
        ISequencerInbox.BatchRecord memory last = rollupInbox.batch(batchCount - 1);
        require(last.kind != ISequencerInbox.Kind.None, string.concat("inbox entry ", Decimal.toString(batchCount - 1), " is not posted"));
        uint64 afterDelayedRead = last.afterDelayedRead;
        Running memory running = Running(roots, delayedRead);
        for (uint256 i = 0; i < steps.length; i++) execute(running, steps[i], i);
        require(
            running.delayedRead == afterDelayedRead,
            string.concat("proof consumes ", Decimal.toString(running.delayedRead), " delayed messages, the inbox says ", Decimal.toString(afterDelayedRead))
        );
        bytes32 post = RollupState.stateRootOf(running.roots);
        require(post == stateRoot, string.concat("re-execution gives root ", HexText.prefix(post, 4), ", the proof claims ", HexText.prefix(stateRoot, 4)));
        roots = running.roots;
        delayedRead = running.delayedRead;
        Commitment memory c = Commitment(total, stateRoot, batchCount, msg.sender, uint64(block.number), parentIndex);
        commitments[c.index] = c;
        total = c.index + 1;
        emit BatchVerified(c.index, c.stateRoot, c.batchCount, c.proposer, c.postedBlock, c.parentIndex, uint64(steps.length));
    }

    /// Freezes the rollup because delayed message `delayedIndex` was not served within the deadline. Anyone may call.
    function freeze(uint64 delayedIndex) external {
        require(hasDeadline, "this rollup enforces no deadline on forced requests: it cannot be frozen");
        require(!frozen, "already frozen");
        require(delayedIndex >= delayedRead, string.concat("delayed message ", Decimal.toString(delayedIndex), " was served by a verified batch"));
        IDelayedInbox.Message memory m = delayedInbox.message(delayedIndex);
        require(m.kind != IDelayedInbox.Kind.None, string.concat("no delayed message ", Decimal.toString(delayedIndex)));
        uint256 until = m.block + freezeDeadlineBlocks;
        require(
            block.number >= until,
            string.concat("delayed message ", Decimal.toString(delayedIndex), " is within its deadline until block ", Decimal.toString(until))
        );
        frozen = true;
        emit Frozen(delayedIndex, msg.sender);
    }

    function count() external view returns (uint64) {
        return total;
    }

    /// A commitment past `count()` is all zeros (the TS view's undefined; see the spec's fromSolidity).
    function commitment(uint256 index) external view returns (Commitment memory) {
        return commitments[index];
    }

    /// A verified root is final: the proof is the finality.
    function isFinalAt(uint256 index, uint256) external view returns (bool) {
        return index < total;
    }

    function latestFinalAt(uint256) external view returns (uint64) {
        return total - 1;
    }

    /// A proven root is never rejected; the newest is what the next proof extends.
    function latest() external view returns (uint64) {
        return total - 1;
    }

    function isRejectedAt(uint256, uint256) external pure returns (bool) {
        return false;
    }

    /// Proofs need no bond: a wrong root cannot be proposed in the first place.
    function bondWei() external pure returns (uint256) {
        return 0;
    }

    function verifiedDelayedRead() external view returns (uint64) {
        return delayedRead;
    }

    function verifiedRoots() external view returns (RollupState.StateRoots memory) {
        return roots;
    }

    function isFrozen() external view returns (bool) {
        return frozen;
    }

    /// Re-executes one step: authenticate, check every touched leaf's witness, apply, write the new leaves.
    function execute(Running memory running, ProofStep calldata step, uint256 i) private {
        RollupState.Message memory message = messageOf(running, step, i);
        address[] memory touched = RollupState.touchedBy(message);
        require(witnessesMatch(step.leaves, touched), string.concat("step ", Decimal.toString(i), ": witnesses do not match the touched accounts"));
        RollupState.Effect memory effect = RollupState.applyTransaction(circuitInputs(step.leaves, message), message);
        for (uint256 k = 0; k < step.leaves.length; k++) writeLeaf(running.roots, step.leaves[k], effect, k, i);
        if (effect.ok && effect.withdraws) appendWithdrawal(running.roots, effect, step.withdrawalSiblings, i);
    }

    function witnessesMatch(LeafWitness[] calldata leaves, address[] memory touched) private pure returns (bool) {
        if (leaves.length != touched.length) return false;
        for (uint256 k = 0; k < touched.length; k++) if (leaves[k].account != touched[k]) return false;
        return true;
    }

    /// The witnessed accounts as the circuit sees them. Without the sender-balance constraint
    /// nothing ties the amount to what the sender holds: its balance is taken to be at least
    /// what it sends, so its new balance bottoms out at zero and the recipient is credited in
    /// full — value from nowhere, as a missing range check lets it in a real circuit.
    function circuitInputs(LeafWitness[] calldata leaves, RollupState.Message memory message) private view returns (RollupState.Account[] memory pre) {
        pre = new RollupState.Account[](leaves.length);
        for (uint256 k = 0; k < leaves.length; k++) pre[k] = RollupState.Account(leaves[k].balanceWei, leaves[k].nonce);
        bool unconstrained = !senderBalance && message.kind != RollupState.DEPOSIT && !(message.kind == RollupState.TRANSFER && message.from == message.to);
        if (!unconstrained) return pre;
        uint256 wanted = message.kind == RollupState.WITHDRAW && message.all ? 0 : message.amountWei;
        if (pre[0].balanceWei < wanted) pre[0].balanceWei = wanted;
    }

    /// Checks leaf `k`'s witness against the running accounts root and writes its new value.
    function writeLeaf(RollupState.StateRoots memory r, LeafWitness calldata leaf, RollupState.Effect memory effect, uint256 k, uint256 i) private {
        uint64 slot = accountSlot[leaf.account];
        if (slot == 0) {
            // Unregistered means empty: its witness must say so, and it takes the next index only if written.
            require(leaf.balanceWei == 0 && leaf.nonce == 0, string.concat("step ", Decimal.toString(i), ": a new account must start empty"));
            if (!effect.ok) return;
        }
        uint64 index = slot == 0 ? r.accountCount : slot - 1;
        bytes32 before = slot == 0 ? bytes32(0) : RollupState.accountLeaf(leaf.account, leaf.balanceWei, leaf.nonce);
        require(
            RollupState.verifyMerkleProof(r.accountsRoot, before, index, leaf.siblings, RollupState.ACCOUNT_TREE_DEPTH),
            string.concat("step ", Decimal.toString(i), ": witness for ", HexText.ofAddress(leaf.account), " does not match the verified root")
        );
        if (!effect.ok) return;
        r.accountsRoot = RollupState.rootFromProof(RollupState.accountLeaf(leaf.account, effect.post[k].balanceWei, effect.post[k].nonce), index, leaf.siblings);
        if (slot == 0) {
            accountSlot[leaf.account] = index + 1;
            r.accountCount++;
        }
    }

    function appendWithdrawal(RollupState.StateRoots memory r, RollupState.Effect memory effect, bytes32[] calldata siblings, uint256 i) private pure {
        require(
            RollupState.verifyMerkleProof(r.withdrawalsRoot, bytes32(0), r.withdrawalCount, siblings, RollupState.WITHDRAWAL_TREE_DEPTH),
            string.concat("step ", Decimal.toString(i), ": withdrawal slot witness does not match the verified root")
        );
        RollupState.WithdrawalLeaf memory w = RollupState.WithdrawalLeaf(r.withdrawalCount, effect.withdrawalFrom, effect.withdrawalTo, effect.withdrawalAmountWei);
        r.withdrawalsRoot = RollupState.rootFromProof(RollupState.withdrawalLeaf(w), r.withdrawalCount, siblings);
        r.withdrawalCount++;
    }

    /// Sequenced transactions must carry a valid signature; delayed messages are read from the delayed inbox, in order.
    /// Only secp256k1 signatures verify here (ecrecover): anvil runs sign with it, as the model's ideal
    /// signatures (32 bytes) exist only in the in-memory backend.
    function messageOf(Running memory running, ProofStep calldata step, uint256 i) private view returns (RollupState.Message memory) {
        if (!step.delayed) {
            SignedTransaction calldata t = step.transaction;
            require(SignatureCheck.signedBy(txDigest(t), t.signature, t.from), string.concat("step ", Decimal.toString(i), ": bad signature"));
            return RollupState.Message(t.kind, t.from, t.to, t.amountWei, t.nonce, false);
        }
        require(
            step.delayedIndex == running.delayedRead,
            string.concat(
                "step ", Decimal.toString(i), ": delayed message ", Decimal.toString(step.delayedIndex), " out of order (next is ", Decimal.toString(running.delayedRead), ")"
            )
        );
        IDelayedInbox.Message memory m = delayedInbox.message(step.delayedIndex);
        require(m.kind != IDelayedInbox.Kind.None, string.concat("step ", Decimal.toString(i), ": no delayed message ", Decimal.toString(step.delayedIndex)));
        running.delayedRead++;
        return delayedToMessage(m);
    }

    /// A deposit credits its recipient; a forced transaction is sent by its L1 sender and carries no nonce (derivation's `delayedToMessage`).
    function delayedToMessage(IDelayedInbox.Message memory m) private pure returns (RollupState.Message memory) {
        if (m.kind == IDelayedInbox.Kind.Deposit) return RollupState.Message(RollupState.DEPOSIT, address(0), m.to, m.amountWei, RollupState.NO_NONCE, false);
        if (m.action == IDelayedInbox.Action.Withdraw) return RollupState.Message(RollupState.WITHDRAW, m.sender, m.to, m.amountWei, RollupState.NO_NONCE, m.all);
        return RollupState.Message(RollupState.TRANSFER, m.sender, m.to, m.amountWei, RollupState.NO_NONCE, false);
    }

    /// The digest a user signs (src/protocols/rollup/transaction.ts txDigest): the chain id binds it to this rollup.
    function txDigest(SignedTransaction calldata t) private view returns (bytes32) {
        bytes32 memoHash = t.kind == RollupState.TRANSFER && t.memo.length > 0 ? keccak256(t.memo) : bytes32(0);
        return keccak256(abi.encode(chainId, uint256(t.kind), t.from, t.to, t.amountWei, t.nonce, memoHash));
    }

    function signedText(int64 value) private pure returns (string memory) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return value < 0 ? string.concat("-", Decimal.toString(uint256(-int256(value)))) : Decimal.toString(uint256(int256(value)));
    }
}
