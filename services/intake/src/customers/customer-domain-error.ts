/**
 * Refusals of the customer deciders; the platform's problem filter maps `*_not_found` to 404.
 * Unknown and another tenant's customer get the same answer, so existence does not leak.
 */
export class CustomerDomainError extends Error {
  constructor(readonly code: 'customer_not_found' | 'identity_not_found', message: string) {
    super(message);
    this.name = 'CustomerDomainError';
  }
}

export const customerNotFound = (customerId: string) => new CustomerDomainError('customer_not_found', `customer ${customerId} not found`);
