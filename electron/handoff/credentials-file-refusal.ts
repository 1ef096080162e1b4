// Why RoleTray left the shared credentials file alone, as a sentence for the user: it names the
// file and says that nothing was changed, so the hand-off shows it as it is, without a prefix.

export class CredentialsFileRefusal extends Error {
  constructor(sentence: string) {
    super(sentence);
    this.name = 'CredentialsFileRefusal';
  }
}
