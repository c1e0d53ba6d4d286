export * from './errors';
export * from './schemas/events';
export * from './schemas/settings';
export * from './schemas/crm';
export * from './ports/crm-adapter';
export * from './ports/clock';
export * from './dedupe/types';
export * from './sync/operations';
