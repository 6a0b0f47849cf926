// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SignatureCheck} from "./lib/SignatureCheck.sol";

/// The L1 side of two-party payment channels: funding, unilateral close → challenge window →
/// finalize, cooperative conclusion, payouts (Perun's register/refute, ForceMove's
/// challenge/checkpoint, LN's commitment + justice transactions).
///
/// Held equal to src/l1/memory/contracts/record.ts — same events, views and revert reasons —
/// by test/anvil/channel-adjudicator.differential.test.ts. Every vulnerable twin of the
/// channel protocol is this contract with one constructor flag switched off, exactly as the
/// TypeScript `AdjudicatorParams`:
///   no-challenge-period    challengePeriodBlocks = 0
///   accepts-stale-version  requiresNewerVersion = false
///   unbound-signature      bindsChannel = false
/// (no-watchtower removes an off-chain actor and deploys the secure flags.)
contract ChannelAdjudicator {
    enum Status {
        None,
        Open,
        Closing,
        Settled
    }

    /// What both participants sign; balances follow the participant order fixed at open.
    struct State {
        bytes32 channelId;
        uint64 version;
        uint128[2] balances;
        bool isFinal;
    }

    /// One channel's record, field for field the TypeScript `ChannelRecord`.
    struct Record {
        address[2] participants;
        uint256 capacityWei;
        uint256 heldWei;
        Status status;
        uint64 version;
        uint256[2] balances;
        address closer;
        uint64 finalizesAt;
        bool penalized;
        uint256[2] payouts;
    }

    struct SigningDomain {
        uint256 chainId;
        address adjudicator;
        bool bindsChannel;
    }

    /// Blocks after a unilateral close during which a newer state may override it.
    uint64 public immutable challengePeriodBlocks;
    /// LN-style justice: whoever is shown to have closed with a stale state forfeits its balance.
    bool private immutable penalty;
    /// An override must carry a strictly greater version (Perun, ForceMove).
    bool public immutable requiresNewerVersion;
    /// The channel id is part of the signed digest.
    bool public immutable bindsChannel;

    mapping(bytes32 => Record) private channels;
    uint256 private total;

    event Opened(bytes32 indexed channelId, address opener, address counterparty, uint256 capacityWei);
    event Closing(bytes32 indexed channelId, uint64 version, address closer, uint64 finalizesAt);
    event Challenged(bytes32 indexed channelId, uint64 version, address challenger, bool penalized);
    event Settled(bytes32 indexed channelId, uint64 version, uint256[2] payouts, bool penalized, bool cooperative);

    /// `chainId` is the TypeScript params' own; signatures use block.chainid, so the two must agree.
    constructor(uint256 chainId, uint64 challengePeriodBlocks_, bool penalty_, bool requiresNewerVersion_, bool bindsChannel_) {
        require(chainId == block.chainid, "the adjudicator's chain id must be the chain it is deployed on");
        challengePeriodBlocks = challengePeriodBlocks_;
        penalty = penalty_;
        requiresNewerVersion = requiresNewerVersion_;
        bindsChannel = bindsChannel_;
    }

    /// Funds a channel with the whole capacity (msg.value) from the opener, LN-style single funding.
    function open(address counterparty, uint256 nonce) external payable {
        require(msg.value > 0, "open needs the channel capacity as value");
        require(counterparty != msg.sender, "a channel needs two different participants");
        bytes32 channelId = keccak256(abi.encode(block.chainid, address(this), msg.sender, counterparty, nonce));
        Record storage record = channels[channelId];
        require(record.status == Status.None, "channel already exists");
        record.participants = [msg.sender, counterparty];
        record.capacityWei = msg.value;
        record.heldWei = msg.value;
        record.status = Status.Open;
        record.balances = [msg.value, 0];
        total += msg.value;
        emit Opened(channelId, msg.sender, counterparty, msg.value);
    }

    /// A participant registers a co-signed state and starts the challenge window.
    function close(State calldata state, bytes[2] calldata sigs) external {
        Record storage record = coSigned(state, sigs);
        require(record.status == Status.Open, "channel is not open");
        require(msg.sender == record.participants[0] || msg.sender == record.participants[1], "only a participant can close a channel");
        uint64 finalizesAt = uint64(block.number) + challengePeriodBlocks;
        record.status = Status.Closing;
        register(record, state);
        record.closer = msg.sender;
        record.finalizesAt = finalizesAt;
        record.penalized = false;
        emit Closing(state.channelId, state.version, msg.sender, finalizesAt);
    }

    /// Anyone (a party or its watchtower) overrides the registered state during the window.
    function challenge(State calldata state, bytes[2] calldata sigs) external {
        Record storage record = coSigned(state, sigs);
        require(record.status == Status.Closing, "channel has no close to challenge");
        require(block.number < record.finalizesAt, "challenge period is over");
        bool newer = state.version > record.version;
        // The rule that makes an old state useless: only a strictly newer one may replace it.
        require(newer || !requiresNewerVersion, "version is not newer than the registered one");
        // A newer co-signed state proves the closer published a revoked one.
        bool penalized = penalty && newer;
        register(record, state);
        record.penalized = penalized;
        emit Challenged(state.channelId, state.version, msg.sender, penalized);
    }

    /// Anyone pays out the registered state once the window is over.
    function finalize(bytes32 channelId) external {
        Record storage record = channels[channelId];
        require(record.status != Status.None, "unknown channel");
        require(record.status == Status.Closing, "channel is not closing");
        require(block.number >= record.finalizesAt, "challenge period is not over");
        uint256[2] memory registered = record.balances;
        settle(channelId, record, record.penalized ? forfeit(record) : registered, false);
    }

    /// Pays out a co-signed final state at once: the cooperative close.
    function conclude(State calldata state, bytes[2] calldata sigs) external {
        Record storage record = coSigned(state, sigs);
        require(state.isFinal, "only a final state concludes a channel");
        require(record.status != Status.Settled, "channel is already settled");
        register(record, state);
        settle(state.channelId, record, [uint256(state.balances[0]), uint256(state.balances[1])], true);
    }

    /// The channel's record; status None means no such channel (the facade reads it as undefined).
    function channel(bytes32 channelId) external view returns (Record memory) {
        return channels[channelId];
    }

    /// Wei held for all channels together.
    function held() external view returns (uint256) {
        return total;
    }

    function signingDomain() external view returns (SigningDomain memory) {
        return SigningDomain(block.chainid, address(this), bindsChannel);
    }

    function penaltyMode() external view returns (bool) {
        return penalty;
    }

    /// The digest both participants sign (src/l1/contracts/channel-state.ts `stateDigest`):
    ///   separator = keccak256(abi.encode(chainId, adjudicator, channelId or 0))
    ///   digest    = keccak256(abi.encodePacked(separator, version, balance0, balance1, isFinal))
    function stateDigest(State calldata state) public view returns (bytes32) {
        bytes32 separator = keccak256(abi.encode(block.chainid, address(this), bindsChannel ? state.channelId : bytes32(0)));
        return keccak256(abi.encodePacked(separator, state.version, state.balances[0], state.balances[1], state.isFinal));
    }

    function settle(bytes32 channelId, Record storage record, uint256[2] memory payouts, bool cooperative) private {
        uint256 paid = payouts[0] + payouts[1];
        require(paid <= record.heldWei, "payout exceeds what the channel holds");
        record.status = Status.Settled;
        record.heldWei -= paid;
        record.payouts = payouts;
        total -= paid;
        if (payouts[0] > 0) pay(record.participants[0], payouts[0]);
        if (payouts[1] > 0) pay(record.participants[1], payouts[1]);
        emit Settled(channelId, record.version, payouts, record.penalized, cooperative);
    }

    /// The channel a state belongs to, after checking it is well-formed and signed by both participants.
    function coSigned(State calldata state, bytes[2] calldata sigs) private view returns (Record storage record) {
        record = channels[state.channelId];
        require(record.status != Status.None, "unknown channel");
        require(uint256(state.balances[0]) + state.balances[1] == record.capacityWei, "balances do not add up to the channel capacity");
        bytes32 digest = stateDigest(state);
        require(
            SignatureCheck.signedBy(digest, sigs[0], record.participants[0]) && SignatureCheck.signedBy(digest, sigs[1], record.participants[1]),
            "state is not signed by both participants"
        );
    }

    function register(Record storage record, State calldata state) private {
        record.version = state.version;
        record.balances = [uint256(state.balances[0]), uint256(state.balances[1])];
    }

    /// LN justice: the party that closed with a revoked state loses its whole balance to the other.
    function forfeit(Record storage record) private view returns (uint256[2] memory) {
        uint256 all = record.balances[0] + record.balances[1];
        return record.closer == record.participants[0] ? [uint256(0), all] : [all, uint256(0)];
    }

    function pay(address to, uint256 amountWei) private {
        (bool paid, ) = to.call{value: amountWei}("");
        require(paid, "payment failed");
    }
}
