import type {
  FieldDescriptor,
  ObjectTypeDescriptor,
  ServiceDescriptor,
} from '../../../runtime/src/descriptors.ts';
import { fieldIn } from '../codecs/descriptor-builders.ts';
import { descriptor as base } from './fixtures.ts';

/** Enough of Customer Management for GetUser and its faults to go through the real codecs. */
const NS = 'https://bingads.microsoft.com/Customer/v13';
const ADAPI = 'https://adapi.microsoft.com';
const EXC = 'https://bingads.microsoft.com/Customer/v13/Exception';
const nsField = fieldIn(NS);
const adapiField = fieldIn(ADAPI);
const excField = fieldIn(EXC);

const object = (
  name: string,
  namespace: string,
  fields: FieldDescriptor[],
  extra: Partial<ObjectTypeDescriptor> = {},
): ObjectTypeDescriptor => ({
  kind: 'object',
  name,
  namespace,
  fields,
  abstract: false,
  protocols: 'both',
  ...extra,
});

export const realDescriptor: ServiceDescriptor = {
  ...base,
  types: {
    GetUserRequest: object('GetUserRequest', NS, [nsField('UserId', { primitive: 'int64' })]),
    GetUserResponse: object('GetUserResponse', NS, [nsField('User', { type: 'User' })]),
    User: object('User', NS, [
      nsField('Id', { primitive: 'int64' }),
      nsField('UserName', { primitive: 'string' }),
    ]),
    ApplicationFault: object(
      'ApplicationFault',
      ADAPI,
      [adapiField('TrackingId', { primitive: 'string' })],
      {
        family: { AdApiFaultDetail: 'AdApiFaultDetail', ApiFault: 'ApiFault' },
      },
    ),
    AdApiFaultDetail: object(
      'AdApiFaultDetail',
      ADAPI,
      [
        adapiField('TrackingId', { primitive: 'string' }),
        adapiField('Errors', {
          array: { type: 'AdApiError' },
          itemName: 'AdApiError',
          itemNamespace: ADAPI,
        }),
      ],
      { base: 'ApplicationFault', typeValue: 'AdApiFaultDetail' },
    ),
    AdApiError: object('AdApiError', ADAPI, [
      adapiField('Code', { primitive: 'int32' }),
      adapiField('Detail', { primitive: 'string' }),
      adapiField('ErrorCode', { primitive: 'string' }),
      adapiField('Message', { primitive: 'string' }),
    ]),
    ApiFault: object(
      'ApiFault',
      EXC,
      [
        adapiField('TrackingId', { primitive: 'string' }),
        excField('OperationErrors', {
          array: { type: 'OperationError' },
          itemName: 'OperationError',
          itemNamespace: EXC,
        }),
      ],
      { base: 'ApplicationFault', typeValue: 'ApiFault' },
    ),
    OperationError: object('OperationError', EXC, [
      excField('Code', { primitive: 'int32' }),
      excField('Details', { primitive: 'string' }),
      excField('Message', { primitive: 'string' }),
    ]),
  },
};
