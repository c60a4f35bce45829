/** The AnacGateway port (an interface: it needs a token). */
export const ANAC_GATEWAY = Symbol('AnacGateway');
