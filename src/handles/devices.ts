// Devices and push preferences, app settings and link previews: plain calls on the
// connection. Push preferences are state (the own user's, and per channel as channel queries
// carry them); devices and app settings are answers the app asks for when it needs them.
import type { ChannelPushPreferencesResponse, DeviceResponse, GetApplicationResponse, GetOGResponse, PushPreferenceInput, UpsertPushPreferencesResponse } from '../models/generated/types.ts';
import { decodeModel } from '../models/decode.ts';
import { ChatError, ChatErrorCode } from '../transport/chatError.ts';
import type { ClientContext } from './clientContext.ts';

export type PushProvider = 'firebase' | 'apn' | 'huawei' | 'xiaomi';

export interface AddDeviceOptions {
  /** The name of the push provider configuration of the app (when it has several). */
  providerName?: string;
  /** An Apple VoIP token. */
  voip?: boolean;
}

export interface DevicesApi {
  /** Register a device for push notifications of the own user. */
  addDevice(id: string, provider: PushProvider, options?: AddDeviceOptions): Promise<void>;
  removeDevice(id: string): Promise<void>;
  listDevices(): Promise<readonly DeviceResponse[]>;
  /**
   * Set push preferences: the own user's (no `channel_cid`) or a channel's. The channel's
   * preferences are then held in the store (selectChannelPushPreferences) as channel queries
   * carry them.
   * @example
   * await client.setPushPreferences({ chat_level: 'mentions' });
   * await client.setPushPreferences([{ channel_cid: 'messaging:general', chat_level: 'none' }]);
   */
  setPushPreferences(preferences: PushPreferenceInput | readonly PushPreferenceInput[]): Promise<UpsertPushPreferencesResponse>;
  /** The app's settings as a client may read them (GetApp). */
  getAppSettings(): Promise<GetApplicationResponse>;
  /** A link preview of a URL (GetOG). */
  enrichUrl(url: string): Promise<GetOGResponse>;
}

function inputError(endpoint: string, message: string): ChatError {
  return new ChatError({ message, code: ChatErrorCode.InputError, status: 0, endpoint, retryable: false });
}

export function createDevicesApi(ctx: ClientContext): DevicesApi {
  const call = async <T>(endpoint: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      throw ctx.report(e, endpoint);
    }
  };
  const requireId = (endpoint: string, id: unknown, what: string): void => {
    if (typeof id !== 'string' || id === '') throw ctx.report(inputError(endpoint, `${what} must be a non-empty string`), endpoint);
  };

  return {
    async addDevice(id, provider, options = {}) {
      requireId('CreateDevice', id, 'the device id');
      requireId('CreateDevice', provider, 'the push provider');
      const request: Parameters<ReturnType<ClientContext['api']>['createDevice']>[0] = { id, push_provider: provider };
      if (options.providerName !== undefined) request.push_provider_name = options.providerName;
      if (options.voip !== undefined) request.voip_token = options.voip;
      await call('CreateDevice', () => ctx.api('CreateDevice').createDevice(request));
    },
    async removeDevice(id) {
      requireId('DeleteDevice', id, 'the device id');
      await call('DeleteDevice', () => ctx.api('DeleteDevice').deleteDevice({ id }));
    },
    async listDevices() {
      const res = await call('ListDevices', () => ctx.api('ListDevices').listDevices());
      return res.devices;
    },
    async setPushPreferences(preferences) {
      const list = Array.isArray(preferences) ? [...(preferences as readonly PushPreferenceInput[])] : [preferences as PushPreferenceInput];
      if (list.length === 0) throw ctx.report(inputError('UpdatePushNotificationPreferences', 'setPushPreferences needs at least one preference'), 'UpdatePushNotificationPreferences');
      const res = await call('UpdatePushNotificationPreferences', () => ctx.api('UpdatePushNotificationPreferences').updatePushNotificationPreferences({ preferences: list }));
      const meId = ctx.meId();
      if (meId) {
        // The answer carries the user's preferences and those of each channel, by user id.
        const byChannel = (res.user_channel_preferences[meId] ?? {}) as Record<string, unknown>;
        const channels: Record<string, ChannelPushPreferencesResponse> = {};
        for (const [cid, raw] of Object.entries(byChannel)) {
          const r = decodeModel('ChannelPushPreferencesResponse', raw, { freeze: true });
          if (r.ok) channels[cid] = r.value;
        }
        ctx.store.dispatch({ type: 'push/fetched', user: res.user_preferences[meId], channels });
      }
      return res;
    },
    getAppSettings: () => call('GetApp', () => ctx.api('GetApp').getApp()),
    async enrichUrl(url) {
      if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw ctx.report(inputError('GetOG', `enrichUrl needs an http(s) URL, got ${JSON.stringify(String(url)).slice(0, 200)}`), 'GetOG');
      return call('GetOG', () => ctx.api('GetOG').getOG({ url }));
    },
  };
}
