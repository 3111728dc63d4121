import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';

/** A notification service that keeps what it is asked to send, for tests. */
export class RecordingNotificationService implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];

  async send(options: NotificationSendOptions): Promise<void> {
    this.sent.push(options);
  }
}
