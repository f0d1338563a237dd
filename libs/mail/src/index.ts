export * from './mail-transport.service';
export * from './mail.module';
export * from './match-email';
export * from './digest-email';
export * from './interest-email';
export * from './layout';
export * from './smtp-probe';
