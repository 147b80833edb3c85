import type {
  FieldDescriptor,
  ObjectTypeDescriptor,
  ServiceDescriptor,
} from '../../../runtime/src/descriptors.ts';
import { descriptor as base } from './fixtures.ts';

/** Enough of Customer Management for GetUser and its faults to go through the real codecs. */
const NS = 'https://bingads.microsoft.com/Customer/v13';
const ADAPI = 'https://adapi.microsoft.com';
const EXC = 'https://bingads.microsoft.com/Customer/v13/Exception';

const field = (
  name: string,
  value: FieldDescriptor['value'],
  namespace: string,
): FieldDescriptor => ({
  name,
  namespace,
  value,
  nullable: true,
  optional: true,
  protocols: 'both',
});
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
    GetUserRequest: object('GetUserRequest', NS, [field('UserId', { primitive: 'int64' }, NS)]),
    GetUserResponse: object('GetUserResponse', NS, [field('User', { type: 'User' }, NS)]),
    User: object('User', NS, [
      field('Id', { primitive: 'int64' }, NS),
      field('UserName', { primitive: 'string' }, NS),
    ]),
    ApplicationFault: object(
      'ApplicationFault',
      ADAPI,
      [field('TrackingId', { primitive: 'string' }, ADAPI)],
      {
        family: { AdApiFaultDetail: 'AdApiFaultDetail', ApiFault: 'ApiFault' },
      },
    ),
    AdApiFaultDetail: object(
      'AdApiFaultDetail',
      ADAPI,
      [
        field('TrackingId', { primitive: 'string' }, ADAPI),
        field(
          'Errors',
          { array: { type: 'AdApiError' }, itemName: 'AdApiError', itemNamespace: ADAPI },
          ADAPI,
        ),
      ],
      { base: 'ApplicationFault', typeValue: 'AdApiFaultDetail' },
    ),
    AdApiError: object('AdApiError', ADAPI, [
      field('Code', { primitive: 'int32' }, ADAPI),
      field('Detail', { primitive: 'string' }, ADAPI),
      field('ErrorCode', { primitive: 'string' }, ADAPI),
      field('Message', { primitive: 'string' }, ADAPI),
    ]),
    ApiFault: object(
      'ApiFault',
      EXC,
      [
        field('TrackingId', { primitive: 'string' }, ADAPI),
        field(
          'OperationErrors',
          { array: { type: 'OperationError' }, itemName: 'OperationError', itemNamespace: EXC },
          EXC,
        ),
      ],
      { base: 'ApplicationFault', typeValue: 'ApiFault' },
    ),
    OperationError: object('OperationError', EXC, [
      field('Code', { primitive: 'int32' }, EXC),
      field('Details', { primitive: 'string' }, EXC),
      field('Message', { primitive: 'string' }, EXC),
    ]),
  },
};
