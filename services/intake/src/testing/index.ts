// Test helpers other projects' tests may use (real mail servers on loopback).
export * from './mail-servers';
export * from './webhook-receiver';
