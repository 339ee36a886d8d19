// One rule for text shown as-is, shared with the SDK's marketplace index schema.
export { isDisplayText } from '@gatehouse/plugin-sdk/node';
