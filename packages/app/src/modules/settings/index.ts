export { settingsModule } from './notificationSettingsModule';
