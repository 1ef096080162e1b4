// What the MFA field accepts: the digits of whatever was typed or pasted ("123 456", "123-456",
// "Code: 123456"), at most six. AWS takes exactly six.

export const MFA_CODE_LENGTH = 6;

export function normaliseMfaCode(input: string): string {
  return input.replace(/\D+/g, '').slice(0, MFA_CODE_LENGTH);
}

export function isCompleteMfaCode(code: string): boolean {
  return new RegExp(`^\\d{${MFA_CODE_LENGTH}}$`).test(code);
}

/** The device's name for people: "Tyler-Dev" from arn:aws:iam::210987654321:mfa/Tyler-Dev. */
export function mfaDeviceName(serial: string): string {
  const slash = serial.lastIndexOf('/');
  return serial.startsWith('arn:') && slash >= 0 ? serial.slice(slash + 1) : serial;
}
