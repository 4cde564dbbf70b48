import { mutationOptions } from '@tanstack/react-query';
import type { ChannelInput, ChannelName } from '../../../src-shared/contract/index';
import { api } from '../api';

/**
 * A write that sends its variables to one channel as they are. The key is the
 * channel, so a mutation can be found by what it writes; what the page does
 * afterwards (refresh, close a dialog) stays with the page.
 */
export function channelMutation<K extends ChannelName>(channel: K) {
  return mutationOptions({ mutationKey: [channel], mutationFn: (input: ChannelInput<K>) => api.call(channel, input) });
}
