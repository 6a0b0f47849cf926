// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Decimal} from "./lib/Decimal.sol";
import {ISequencerInbox} from "./interfaces/ISequencerInbox.sol";
import {IOneStepProof} from "./interfaces/IOneStepProof.sol";
import {IStateCommitments} from "./interfaces/IStateCommitments.sol";
import {OneStepProof} from "./OneStepProof.sol";

/// Where L2 state roots meet L1: bonded proposals, each extending the latest live one;
/// permissionless challenges within the window, each a bisection game with chess clocks
/// ending in a one-step proof L1 re-executes; the loser's bond slashed, part to the winner.
///
/// Held equal to src/l1/memory/contracts/state-commitments.ts — same events, views and
/// revert reasons — by test/anvil/state-commitments.differential.test.ts. The optimistic
/// twins that reach this contract are constructor arguments, as in `StateCommitmentsParams`:
///   no-fraud-proof          challengesEnabled = false (bonds, window, nothing to challenge with)
///   short-challenge-window  a short challengeWindowBlocks
/// and the `placeholder-window` finality mode is all bonds zero, challenges off
/// (instant-withdrawal is RollupBridge's flag: this contract's finality rule is unchanged).
/// The one-step proof is OneStepProof.sol's internal library, inlined: the whole contract
/// stays under the 24 KB code size limit, so there is nothing to deploy or link beside it.
contract StateCommitments is IStateCommitments {
    enum BondStatus {
        None,
        Held,
        Returned,
        Slashed
    }

    enum Side {
        Proposer,
        Challenger
    }

    enum GameStatus {
        None,
        Open,
        ProposerWon,
        ChallengerWon,
        Moot
    }

    struct Bond {
        BondStatus status;
        uint256 amountWei;
    }

    /// One dispute game (the TS `DisputeGame`): optional fields carry a presence flag, the clocks are two fields.
    struct Game {
        uint64 id;
        uint64 commitmentIndex;
        address challenger;
        address proposer;
        uint64 openedBlock;
        bool stated;
        uint64 stepCount;
        bytes32 messagesRoot;
        uint64 lo;
        uint64 hi;
        bytes32 loRoot;
        bytes32 hiRoot;
        bool hasMidRoot;
        bytes32 midRoot;
        Side turn;
        uint64 turnSince;
        uint64 proposerClockLeft;
        uint64 challengerClockLeft;
        uint64 rounds;
        GameStatus status;
        string reason;
    }

    /// Where slashed bond remainders go.
    address public constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;
    uint256 private constant BASIS_POINTS = 10_000;
    /// `Number.isSafeInteger` in the TS contract: a step count it could not hold is refused alike.
    uint256 private constant MAX_SAFE_INTEGER = 2 ** 53 - 1;

    address public immutable rollupInbox;
    uint64 public immutable challengeWindowBlocks;
    uint256 private immutable proposerBond;
    uint256 private immutable challengerBond;
    uint64 public immutable clockBlocks;
    uint256 public immutable winnerShareBasisPoints;
    bool public immutable challengesEnabled;

    mapping(uint256 => Commitment) private commitments;
    uint64 private total;
    mapping(uint256 => Bond) private bonds;
    /// Rejected by a settled game lost by the proposer side: game id + 1 (descendants die through `parentIndex`).
    mapping(uint256 => uint64) private rejected;
    mapping(uint256 => Game) private games;
    uint64 private gameTotal;
    mapping(uint256 => uint64[]) private gamesByCommitment;

    event StateCommitted(uint64 index, bytes32 stateRoot, uint64 batchCount, address proposer, uint64 postedBlock, int64 parentIndex);
    event GameOpened(uint64 id, uint64 commitmentIndex, address challenger, address proposer);
    event Bisected(uint64 id, uint64 lo, uint64 hi, uint64 rounds);
    event OneStepProven(uint64 id, uint64 step, bytes32 postRoot, bytes32 claimedRoot, bool fraud);
    event GameResolved(uint64 id, uint64 commitmentIndex, string status, string reason, uint64 rounds);
    event BondReturned(uint64 commitmentIndex, address proposer, uint256 amountWei);

    /// The `placeholder-window` finality mode is zero bonds with challenges off (the TS `NO_FRAUD_PROOFS`).
    constructor(
        address rollupInbox_,
        bytes32 genesisRoot,
        uint64 challengeWindowBlocks_,
        uint256 proposerBondWei,
        uint256 challengerBondWei_,
        uint64 clockBlocks_,
        uint256 winnerShareBasisPoints_,
        bool challengesEnabled_
    ) {
        require(winnerShareBasisPoints_ <= BASIS_POINTS, "the winner's share is at most 10000 basis points");
        rollupInbox = rollupInbox_;
        challengeWindowBlocks = challengeWindowBlocks_;
        proposerBond = proposerBondWei;
        challengerBond = challengerBondWei_;
        clockBlocks = clockBlocks_;
        winnerShareBasisPoints = winnerShareBasisPoints_;
        challengesEnabled = challengesEnabled_;
        commitments[0] = Commitment(0, genesisRoot, 0, address(this), 0, -1);
        total = 1;
    }

    /// Extends the latest live commitment (`parentIndex` must be it) with the root after `batchCount` inbox entries; msg.value must be the bond.
    function propose(bytes32 stateRoot, uint64 batchCount, uint64 parentIndex) external payable {
        uint64 live = latest();
        if (parentIndex != live) revert(string.concat("commitment ", text(parentIndex), " is not the latest live one (", text(live), ")"));
        uint64 parentBatches = commitments[live].batchCount;
        if (msg.value != proposerBond) revert(string.concat("a proposal needs a bond of exactly ", text(proposerBond), " wei"));
        if (batchCount <= parentBatches) revert(string.concat("commitment must cover more than ", text(parentBatches), " batches"));
        uint256 posted = ISequencerInbox(rollupInbox).batchCount();
        if (batchCount > posted) revert(string.concat("only ", text(posted), " batches are in the inbox"));
        uint64 index = total;
        // forge-lint: disable-next-line(unsafe-typecast) — parentIndex is latest() < total, far below 2^63
        int64 parent = int64(parentIndex);
        commitments[index] = Commitment(index, stateRoot, batchCount, msg.sender, uint64(block.number), parent);
        bonds[index] = Bond(BondStatus.Held, msg.value);
        total = index + 1;
        emit StateCommitted(index, stateRoot, batchCount, msg.sender, uint64(block.number), parent);
    }

    /// Opens a dispute game against commitment `commitmentIndex` within its window; msg.value must be the challenger bond.
    function challenge(uint64 commitmentIndex) external payable {
        require(challengesEnabled, "this rollup has no fraud proofs: roots cannot be challenged");
        string memory index = text(commitmentIndex);
        if (commitmentIndex == 0 || commitmentIndex >= total) revert(string.concat("no commitment ", index, " to challenge"));
        Commitment storage c = commitments[commitmentIndex];
        if (block.number >= uint256(c.postedBlock) + challengeWindowBlocks) revert(string.concat("the challenge window of commitment ", index, " has closed"));
        if (isRejectedAt(commitmentIndex, block.number)) revert(string.concat("commitment ", index, " is already rejected"));
        if (msg.value != challengerBond) revert(string.concat("a challenge needs a bond of exactly ", text(challengerBond), " wei"));
        uint64 id = gameTotal;
        Game storage g = games[id];
        g.id = id;
        g.commitmentIndex = commitmentIndex;
        g.challenger = msg.sender;
        g.proposer = c.proposer;
        g.openedBlock = uint64(block.number);
        g.loRoot = commitments[uint64(c.parentIndex)].stateRoot;
        g.hiRoot = c.stateRoot;
        g.turn = Side.Proposer;
        g.turnSince = uint64(block.number);
        g.proposerClockLeft = clockBlocks;
        g.challengerClockLeft = clockBlocks;
        g.status = GameStatus.Open;
        gameTotal = id + 1;
        gamesByCommitment[commitmentIndex].push(id);
        emit GameOpened(id, commitmentIndex, msg.sender, c.proposer);
    }

    /// The proposer side's first move: the segment's message count and message root, and the root at the first midpoint.
    function answer(uint64 gameId, uint64 stepCount, bytes32 messagesRoot, bytes32 midRoot) external {
        Game storage g = moving(gameId, Side.Proposer);
        require(!g.stated, "the segment was already stated");
        require(stepCount <= MAX_SAFE_INTEGER, "step count must be a whole number");
        uint64 hi = paddedSteps(stepCount);
        g.stated = true;
        g.stepCount = stepCount;
        g.messagesRoot = messagesRoot;
        g.hi = hi;
        // A one-step segment goes straight to the one-step proof: there is no midpoint to name.
        if (hi != 1) {
            g.hasMidRoot = true;
            g.midRoot = midRoot;
        }
        pass(g, Side.Challenger);
    }

    /// The proposer side names its root at the midpoint of the disputed interval.
    function bisect(uint64 gameId, bytes32 midRoot) external {
        Game storage g = moving(gameId, Side.Proposer);
        require(g.stated, "state the segment first (answer)");
        require(!g.hasMidRoot && g.hi - g.lo > 1, "nothing to bisect");
        g.hasMidRoot = true;
        g.midRoot = midRoot;
        pass(g, Side.Challenger);
    }

    /// The challenger agrees (the dispute moves right) or disagrees (left) with the proposer side's midpoint root.
    function respond(uint64 gameId, bool agree) external {
        Game storage g = moving(gameId, Side.Challenger);
        require(g.hasMidRoot, "no midpoint root to respond to");
        uint64 mid = g.lo + (g.hi - g.lo) / 2;
        if (agree) {
            g.lo = mid;
            g.loRoot = g.midRoot;
        } else {
            g.hi = mid;
            g.hiRoot = g.midRoot;
        }
        g.hasMidRoot = false;
        g.midRoot = bytes32(0);
        g.rounds += 1;
        emit Bisected(gameId, g.lo, g.hi, g.rounds);
        pass(g, g.hi - g.lo == 1 ? Side.Challenger : Side.Proposer);
    }

    /// The challenger's last move: L1 re-executes the single disputed step from the agreed root.
    function oneStep(uint64 gameId, IOneStepProof.StepWitness calldata witness) external {
        Game storage g = moving(gameId, Side.Challenger);
        require(g.stated && g.hi - g.lo == 1 && !g.hasMidRoot, "the dispute is not down to one step");
        uint64 step = g.lo;
        // Past the segment's last message a step changes nothing.
        bytes32 postRoot = g.loRoot;
        if (step < g.stepCount) postRoot = reexecute(g, witness);
        bool fraud = postRoot != g.hiRoot;
        emit OneStepProven(gameId, step, postRoot, g.hiRoot, fraud);
        string memory outcome = fraud ? " re-executed to a different root" : " re-executed to the claimed root";
        settle(g, fraud ? GameStatus.ChallengerWon : GameStatus.ProposerWon, string.concat("step ", text(step), outcome));
    }

    /// Anyone: settles a game whose mover ran out of clock, or whose commitment died with an ancestor.
    function timeout(uint64 gameId) external {
        Game storage g = games[gameId];
        if (g.status != GameStatus.Open) revert(string.concat("game ", text(gameId), " is not open"));
        if (deadAncestor(g.commitmentIndex, block.number)) return settle(g, GameStatus.Moot, "the commitment died with an ancestor");
        GameStatus outcome = outcomeAt(g, block.number);
        string memory side = sideName(g.turn);
        if (outcome == GameStatus.Open) revert(string.concat("the ", side, " side of game ", text(gameId), " still has time"));
        settle(g, outcome, string.concat("the ", side, " side ran out of time"));
    }

    /// Anyone: returns a proposer's bond once its root is final or died with an ancestor.
    function reclaimBond(uint64 commitmentIndex) external {
        Bond storage bond = bonds[commitmentIndex];
        if (bond.status != BondStatus.Held) revert(string.concat("no bond held for commitment ", text(commitmentIndex)));
        if (!finality(commitmentIndex, block.number) && !deadAncestor(commitmentIndex, block.number)) {
            revert(string.concat("commitment ", text(commitmentIndex), " is not final"));
        }
        bond.status = BondStatus.Returned;
        address proposer = commitments[commitmentIndex].proposer;
        uint256 amount = bond.amountWei;
        if (amount > 0) pay(proposer, amount);
        emit BondReturned(commitmentIndex, proposer, amount);
    }

    function count() external view override returns (uint64) {
        return total;
    }

    /// The newest commitment not rejected and not built on a rejected one: what the next proposal extends.
    function latest() public view override returns (uint64) {
        for (uint64 i = total - 1; i > 0; i--) if (!storedRejection(i)) return i;
        return 0;
    }

    /// The commitment at `index`; a zero proposer means none (the facade reads it as undefined).
    function commitment(uint256 index) external view override returns (Commitment memory) {
        return commitments[index];
    }

    function isFinalAt(uint256 index, uint256 height) external view override returns (bool) {
        if (index >= total) return false;
        // forge-lint: disable-next-line(unsafe-typecast) — below total, a uint64
        return finality(uint64(index), height);
    }

    /// Rejected by a lost dispute as of `height`, itself or through an ancestor.
    function isRejectedAt(uint256 index, uint256 height) public view override returns (bool) {
        // An index nobody proposed has no games and no parent: not rejected.
        if (index >= total) return false;
        // forge-lint: disable-next-line(unsafe-typecast) — below total, a uint64
        for (uint64 i = uint64(index); i > 0; i = parentOf(i)) if (lostAt(i, height)) return true;
        return false;
    }

    /// Index of the newest commitment final at `height` (0, the genesis root, at least).
    function latestFinalAt(uint256 height) external view override returns (uint64) {
        for (uint64 i = total - 1; i > 0; i--) if (finality(i, height)) return i;
        return 0;
    }

    function bondWei() external view override returns (uint256) {
        return proposerBond;
    }

    function challengerBondWei() external view returns (uint256) {
        return challengerBond;
    }

    /// `None` when no bond was ever held for `index` (the facade reads it as undefined).
    function bondOf(uint64 index) external view returns (BondStatus) {
        return bonds[index].status;
    }

    function gameCount() external view returns (uint64) {
        return gameTotal;
    }

    /// The game `id`; status `None` means none (the facade reads it as undefined).
    function game(uint64 id) external view returns (Game memory) {
        return games[id];
    }

    function gamesOf(uint64 commitmentIndex) external view returns (uint64[] memory) {
        return gamesByCommitment[commitmentIndex];
    }

    /**
     * THE FINALITY RULE. With fraud proofs: the window has passed, no game on it is still
     * running, none was lost by the proposer side, and the parent is final. Without (the
     * placeholder, and the `no-fraud-proof` twin, where no game can exist): the window alone.
     */
    function finality(uint64 index, uint256 height) private view returns (bool) {
        for (uint64 i = index; i > 0; i = parentOf(i)) {
            if (height < uint256(commitments[i].postedBlock) + challengeWindowBlocks) return false;
            uint64[] storage ids = gamesByCommitment[i];
            for (uint256 k = 0; k < ids.length; k++) {
                GameStatus outcome = outcomeAt(games[ids[k]], height);
                if (outcome != GameStatus.ProposerWon && outcome != GameStatus.Moot) return false;
            }
        }
        return true;
    }

    /// The proposer side lost a game on commitment `index` (settled, or its clock ran out by `height`).
    function lostAt(uint64 index, uint256 height) private view returns (bool) {
        uint64[] storage ids = gamesByCommitment[index];
        for (uint256 k = 0; k < ids.length; k++) if (outcomeAt(games[ids[k]], height) == GameStatus.ChallengerWon) return true;
        return false;
    }

    function storedRejection(uint64 index) private view returns (bool) {
        for (uint64 i = index; i > 0; i = parentOf(i)) if (rejected[i] != 0) return true;
        return false;
    }

    /// A strict ancestor of `index` was rejected.
    function deadAncestor(uint64 index, uint256 height) private view returns (bool) {
        uint64 parent = parentOf(index);
        return parent > 0 && isRejectedAt(parent, height);
    }

    /// The parent's index; 0 past the genesis root (and for an index nobody proposed).
    function parentOf(uint64 index) private view returns (uint64) {
        int64 parent = commitments[index].parentIndex;
        // forge-lint: disable-next-line(unsafe-typecast) — positive, so it fits
        return parent > 0 ? uint64(parent) : 0;
    }

    /// The game's outcome as of `height`: an open game whose mover let its clock run out is lost by that side.
    function outcomeAt(Game storage g, uint256 height) private view returns (GameStatus) {
        if (g.status != GameStatus.Open) return g.status;
        uint256 clockLeft = g.turn == Side.Proposer ? g.proposerClockLeft : g.challengerClockLeft;
        // A height before the turn began (a view asked about the past) is within the clock.
        if (height > g.turnSince && height - g.turnSince > clockLeft) return g.turn == Side.Proposer ? GameStatus.ChallengerWon : GameStatus.ProposerWon;
        return GameStatus.Open;
    }

    /// The game `gameId`, checked to be open, alive, and `side`'s turn with time left; the sender must be that side.
    function moving(uint64 gameId, Side side) private view returns (Game storage g) {
        g = games[gameId];
        string memory id = text(gameId);
        if (g.status != GameStatus.Open) revert(string.concat("game ", id, " is not open"));
        if (g.turn != side) revert(string.concat("it is the ", sideName(g.turn), " side's turn in game ", id));
        address mover = side == Side.Proposer ? g.proposer : g.challenger;
        if (msg.sender != mover) revert(string.concat("only the ", sideName(side), " moves for its side of game ", id));
        if (outcomeAt(g, block.number) != GameStatus.Open) revert(string.concat("the ", sideName(side), " side of game ", id, " ran out of time"));
        if (deadAncestor(g.commitmentIndex, block.number)) revert(string.concat("commitment ", text(g.commitmentIndex), " died with an ancestor"));
    }

    /// Ends the mover's turn: its clock is charged for the blocks it took, the other side's starts.
    function pass(Game storage g, Side next) private {
        uint64 used = uint64(block.number) - g.turnSince;
        if (g.turn == Side.Proposer) g.proposerClockLeft -= used;
        else g.challengerClockLeft -= used;
        g.turn = next;
        g.turnSince = uint64(block.number);
    }

    /// The one-step proof's post-state root for the game's single disputed step, or a revert saying why the witness proves nothing.
    function reexecute(Game storage g, IOneStepProof.StepWitness calldata witness) private view returns (bytes32) {
        (bool ok, bytes32 postRoot, string memory reason) = OneStepProof.executeStep(g.loRoot, g.messagesRoot, g.lo, witness);
        if (!ok) revert(string.concat("one-step proof rejected: ", reason));
        return postRoot;
    }

    /// Pays out bonds: the winner gets its share of the loser's bond, the rest is burned; a moot game returns the challenger's.
    function settle(Game storage g, GameStatus status, string memory reason) private {
        g.status = status;
        g.reason = reason;
        if (status == GameStatus.Moot) {
            if (challengerBond > 0) pay(g.challenger, challengerBond);
        } else if (status == GameStatus.ChallengerWon) {
            rejected[g.commitmentIndex] = g.id + 1;
            Bond storage bond = bonds[g.commitmentIndex];
            uint256 slashed = bond.status == BondStatus.Held ? bond.amountWei : 0;
            bond.status = BondStatus.Slashed;
            pay(g.challenger, challengerBond + share(slashed));
            if (slashed - share(slashed) > 0) pay(BURN_ADDRESS, slashed - share(slashed));
        } else {
            if (share(challengerBond) > 0) pay(g.proposer, share(challengerBond));
            if (challengerBond - share(challengerBond) > 0) pay(BURN_ADDRESS, challengerBond - share(challengerBond));
        }
        emit GameResolved(g.id, g.commitmentIndex, statusName(status), reason, g.rounds);
    }

    function share(uint256 amount) private view returns (uint256) {
        return (amount * winnerShareBasisPoints) / BASIS_POINTS;
    }

    function paddedSteps(uint256 stepCount) private pure returns (uint64) {
        uint256 width = 1;
        while (width < stepCount) width *= 2;
        // forge-lint: disable-next-line(unsafe-typecast) — stepCount is at most 2^53 - 1 (answer checks it), so width is at most 2^53
        return uint64(width);
    }

    function pay(address to, uint256 amountWei) private {
        (bool paid, ) = to.call{value: amountWei}("");
        require(paid, "payment failed");
    }

    function sideName(Side side) private pure returns (string memory) {
        return side == Side.Proposer ? "proposer" : "challenger";
    }

    function statusName(GameStatus status) private pure returns (string memory) {
        if (status == GameStatus.ProposerWon) return "proposer-won";
        if (status == GameStatus.ChallengerWon) return "challenger-won";
        return "moot";
    }

    function text(uint256 value) private pure returns (string memory) {
        return Decimal.toString(value);
    }
}
