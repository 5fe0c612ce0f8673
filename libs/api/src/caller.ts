/** The signed-in user making a request, as the token and the configuration say. */
export interface Caller {
  userId: string;
  email: string;
  isPlatformAdmin: boolean;
}
