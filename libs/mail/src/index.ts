export * from './mail-transport.service';
export * from './mail.module';
export * from './match-email';
