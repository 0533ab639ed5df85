// English wording of the API's per-domain error codes (`error.domainCode`, server: <domain>.errors.ts);
// ru.errors.ts must match its shape. Values in {{…}} come from the error's params.

/** English messages of the API's per-domain error codes, by domain. */
export const errorCodesEn = {
  auth: {
    sign_in_required: 'Sign in to continue.',
    unknown_api_key: 'The API key is unknown or was revoked.',
    role_forbids: 'Your role does not allow this.',
    no_workspace: 'You are not a member of any workspace yet: ask an owner to add you.',
    not_member: 'You are not a member of this workspace.',
  },
  users: {
    email_taken: 'A user with the e-mail {{email}} already exists.',
    already_member: '{{email}} is already a member of this workspace; change their role instead.',
    last_owner: 'A workspace must keep at least one owner.',
    cannot_grant: 'You cannot grant a role above your own.',
    cannot_change: 'You cannot change a member whose role is above yours.',
    wrong_credentials: 'Wrong e-mail or password.',
    too_many_sign_ins: 'Too many failed attempts. Try again in {{minutes}} min.',
  },
  workspaces: {
    create_forbidden: 'Only an owner of a workspace may create new workspaces.',
  },
  customers: {
    identifier_taken: 'This {{kind}} ({{value}}) already belongs to customer {{customerId}}.',
    identifier_required: 'Give at least one identifier: phone, e-mail, card or external id.',
  },
  imports: {
    multipart_no_boundary: 'The upload could not be read. Choose the file again.',
    multipart_incomplete: 'The upload was cut short. Choose the file again.',
    already_started: 'This import has already been started, cancelled or expired.',
  },
  scores: {
    already_running: 'The scores are being computed already; they will appear when it finishes.',
  },
  segments: {
    rule_required: 'A segment by rule needs at least one condition.',
    kind_mismatch: 'A list has no rule and its members are added by hand; a segment by rule follows its rule.',
    segment_missing: 'The rule names a segment that no longer exists.',
    cycle: 'Segments cannot refer to each other in a circle: {{path}}.',
  },
};
