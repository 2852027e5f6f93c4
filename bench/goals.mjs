// The goals, as ratios between lines of the same run (never absolute times): those issue 22
// restated (live mode first, burst mode secondary). The x JSON.parse ratios of issue 9 are
// still printed, as figures, not goals.
// `lines` maps impl -> the printed line of a workload.

const r3 = (x) => Math.round(x * 1000) / 1000;

/**
 * What decoding alone leaves of a speedup goal: `ceiling` is the speedup a store costing
 * nothing beyond our decoders would reach, and `store_budget_us` the time per event (or per
 * channel, W1) left to the store to meet `goal`; negative when decoding alone misses it.
 */
function decodeFloor(lines, goal) {
  const decode = lines.decode;
  const peer = lines['stream-chat'];
  if (!decode || !peer) return {};
  const parse = lines['JSON.parse'];
  return {
    decode_share: r3(decode.ms / lines.chatstore.ms),
    ...(parse ? { decode_vs_parse: r3(decode.ms / parse.ms) } : {}),
    ceiling: r3(peer.ms / decode.ms),
    store_budget_us: r3(peer.us_per_event / goal - decode.us_per_event),
  };
}

export function goalsFor(workload, lines) {
  const ours = lines.chatstore;
  const peer = lines['stream-chat'];
  const parse = lines['JSON.parse'];
  const speedup = peer && ours ? peer.ms / ours.ms : undefined;
  switch (workload) {
    case 'W1': {
      const vsParse = ours.ms / parse.ms;
      return { vs_parse: r3(vsParse), speedup: r3(speedup), ...decodeFloor(lines, 1.5), met: { speedup: speedup >= 1.5 } };
    }
    case 'W2': {
      const vsParse = ours.us_per_event / parse.us_per_event;
      const heap = ours.heap_mb / peer.heap_mb;
      return {
        vs_parse: r3(vsParse),
        speedup: r3(speedup),
        heap_ratio: r3(heap),
        same_messages_held: ours.held_messages === peer.held_messages,
        ...decodeFloor(lines, 1.5),
        met: { speedup: speedup >= 1.5, heap: heap <= 0.6 },
      };
    }
    case 'W3':
      return {
        last_over_first: r3(ours.last_over_first),
        peer_last_over_first: r3(peer.last_over_first),
        speedup: r3(speedup),
        last_1k_speedup: r3(peer.last_1k_us / ours.last_1k_us),
        met: { flat: ours.last_over_first <= 1.5, last_1k: peer.last_1k_us / ours.last_1k_us >= 30 },
      };
    case 'W4':
      return {
        speedup: r3(speedup),
        reactions_match: ours.reactions_held === ours.reactions_expected,
        ...decodeFloor(lines, 1.1),
        met: { speedup: speedup >= 1.1 },
      };
    case 'W5': {
      const kept = ours.unread_total === ours.unread_total_expected;
      return {
        speedup: r3(speedup),
        totals_kept: kept,
        peer_totals_kept: peer.unread_total === peer.unread_total_expected,
        ...decodeFloor(lines, 1.5),
        met: { speedup: speedup >= 1.5, totals: kept },
      };
    }
    case 'W6':
      return {
        callbacks_per_event: ours.callbacks_per_event,
        cost_over_no_subscribers: r3(ours.cost_over_no_subscribers),
        met: { one_callback: ours.callbacks_per_event === 1, cost: ours.cost_over_no_subscribers <= 2 },
      };
    case 'L1':
    case 'L2': {
      const cpu = ours.cpu_us_per_event / peer.cpu_us_per_event;
      // Beyond the floor (frames parsed in their tasks, no client): each one's own work.
      const floor = lines['frames only']?.cpu_us_per_event;
      const own = floor !== undefined ? (ours.cpu_us_per_event - floor) / (peer.cpu_us_per_event - floor) : undefined;
      return {
        cpu_ratio: r3(cpu),
        ...(own !== undefined ? { floor_us_per_event: floor, cpu_ratio_beyond_floor: r3(own), floor_share_of_peer: r3(floor / peer.cpu_us_per_event) } : {}),
        p99_ms: ours.p99_ms,
        notify_per_sub_s_max: ours.notify_per_sub_s_max,
        met: { cpu: cpu <= 0.5, p99: ours.p99_ms <= 25, notify: ours.notify_per_sub_s_max <= 60 },
      };
    }
    case 'W7': {
      if (!ours) return undefined;
      const below = lines['chatstore@200msg/s'];
      return {
        p50_ms: ours.p50_ms,
        p99_ms: ours.p99_ms,
        rate_achieved: ours.rate_achieved,
        delivered_all: ours.delivered === ours.n && ours.failed === 0,
        ...(below ? { p50_ms_at_200: below.p50_ms, p99_ms_at_200: below.p99_ms, delivered_all_at_200: below.delivered === below.n && below.failed === 0 } : {}),
      };
    }
    default:
      return undefined;
  }
}
