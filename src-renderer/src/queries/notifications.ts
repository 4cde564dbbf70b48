import { queryOptions } from '@tanstack/react-query';
import type { TableName } from '../../../src-shared/contract/tables';
import { api } from '../api';
import { channelMutation } from './mutation';

// A history row names its channel; a send (the loop's or a test) updates the row and its delivery.
const HISTORY_TABLES: readonly TableName[] = ['notifications', 'app.notification_deliveries', 'app.notification_channels'];

export const notificationQueries = {
  all: () => ['notifications'] as const,
  channels: () =>
    queryOptions({
      queryKey: [...notificationQueries.all(), 'channels'] as const,
      queryFn: () => api.call('notifications:list-channels', {}),
      meta: { tables: ['app.notification_channels'] satisfies TableName[] },
    }),
  history: () =>
    queryOptions({
      queryKey: [...notificationQueries.all(), 'history'] as const,
      queryFn: () => api.call('notifications:list-history', {}),
      meta: { tables: HISTORY_TABLES },
    }),
  smtp: () =>
    queryOptions({
      queryKey: [...notificationQueries.all(), 'smtp'] as const,
      queryFn: () => api.call('notifications:get-smtp', {}),
      meta: { tables: ['system_settings'] satisfies TableName[] },
    }),
};

export const notificationMutations = {
  save: () => channelMutation('notifications:save-channel'),
  delete: () => channelMutation('notifications:delete-channel'),
  restore: () => channelMutation('notifications:restore-channel'),
  sendTest: () => channelMutation('notifications:send-test'),
  saveSmtp: () => channelMutation('notifications:save-smtp'),
};
