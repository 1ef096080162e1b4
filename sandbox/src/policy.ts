// IAM policy evaluation, the subset the sandbox's scenarios use: Allow/Deny with Action/NotAction,
// Resource/NotResource, Principal (AWS and Federated, in trust and bucket policies) and Conditions.
// Explicit Deny wins.

export type ConditionValue = string | number | boolean;
export type ConditionBlock = Record<string, Record<string, ConditionValue | ConditionValue[]>>;

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: '*' | Record<string, string | string[]>;
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version?: string;
  Statement: Statement | Statement[];
}

/** Request context keys (lower-cased) with their values; an absent key is simply missing. */
export type RequestContext = Record<string, string | string[]>;

/** Who is asking, for Principal elements: every ARN that names them, and their account. */
export interface PrincipalRef {
  account: string;
  arns: string[];
  /** AssumeRoleWithWebIdentity: the OIDC provider's ARN, matched by `Principal: { Federated }`. */
  federated?: string;
}

export interface AuthorizationRequest {
  action: string;
  resource: string;
  context: RequestContext;
  principal?: PrincipalRef;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function globToRegExp(pattern: string, flags: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, flags);
}

const globCache = new Map<string, RegExp>();
function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let regexp = globCache.get(cacheKey);
  if (!regexp) {
    regexp = globToRegExp(pattern, ignoreCase ? 'is' : 's');
    globCache.set(cacheKey, regexp);
  }
  return regexp.test(value);
}

/** Substitutes policy variables such as ${aws:username}; an unknown variable matches nothing. */
function substituteVariables(pattern: string, context: RequestContext): string {
  return pattern.replace(/\$\{([^}]+)\}/g, (_match, name: string) => {
    const value = context[name.toLowerCase()];
    return typeof value === 'string' ? value : '\u0000no-such-variable\u0000';
  });
}

function principalMatches(element: Statement['Principal'], principal: PrincipalRef): boolean {
  if (element === '*') return true;
  if (!element) return false;
  // A web identity caller is the provider it came through, never an AWS account's principal.
  if (principal.federated !== undefined) return list(element['Federated']).includes(principal.federated);
  return list(element['AWS']).some((entry) => {
    if (entry === '*') return true;
    if (/^\d{12}$/.test(entry)) return entry === principal.account;
    if (entry === `arn:aws:iam::${principal.account}:root`) return true;
    return principal.arns.includes(entry);
  });
}

type Comparator = (contextValue: string, policyValue: string) => boolean;

const numeric =
  (test: (a: number, b: number) => boolean): Comparator =>
  (a, b) => {
    const left = Number(a);
    const right = Number(b);
    return Number.isFinite(left) && Number.isFinite(right) && test(left, right);
  };
const date =
  (test: (a: number, b: number) => boolean): Comparator =>
  (a, b) => {
    const left = /^\d+$/.test(a) ? Number(a) * 1000 : Date.parse(a);
    const right = /^\d+$/.test(b) ? Number(b) * 1000 : Date.parse(b);
    return Number.isFinite(left) && Number.isFinite(right) && test(left, right);
  };

const POSITIVE_OPERATORS: Record<string, Comparator> = {
  StringEquals: (a, b) => a === b,
  StringEqualsIgnoreCase: (a, b) => a.toLowerCase() === b.toLowerCase(),
  StringLike: (a, b) => globMatch(b, a, false),
  ArnEquals: (a, b) => a === b,
  ArnLike: (a, b) => globMatch(b, a, false),
  NumericEquals: numeric((a, b) => a === b),
  NumericLessThan: numeric((a, b) => a < b),
  NumericLessThanEquals: numeric((a, b) => a <= b),
  NumericGreaterThan: numeric((a, b) => a > b),
  NumericGreaterThanEquals: numeric((a, b) => a >= b),
  DateEquals: date((a, b) => a === b),
  DateLessThan: date((a, b) => a < b),
  DateLessThanEquals: date((a, b) => a <= b),
  DateGreaterThan: date((a, b) => a > b),
  DateGreaterThanEquals: date((a, b) => a >= b),
  Bool: (a, b) => a.toLowerCase() === b.toLowerCase(),
};

const NEGATED_OPERATORS: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
};

interface ParsedOperator {
  setOperator?: 'ForAnyValue' | 'ForAllValues';
  base: string;
  ifExists: boolean;
}

export function parseOperator(operator: string): ParsedOperator | undefined {
  const match = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operator);
  if (!match) return undefined;
  const base = match[2]!;
  if (base !== 'Null' && !(base in POSITIVE_OPERATORS) && !(base in NEGATED_OPERATORS)) return undefined;
  const setOperator = match[1] as ParsedOperator['setOperator'];
  return { ...(setOperator ? { setOperator } : {}), base, ifExists: match[3] !== undefined };
}

function conditionHolds(
  operator: string,
  key: string,
  policyValues: string[],
  context: RequestContext,
): boolean {
  const parsed = parseOperator(operator);
  if (!parsed) return false;
  const raw = context[key.toLowerCase()];
  const present = raw !== undefined;
  if (parsed.base === 'Null') {
    // { "Null": { key: "true" } } holds when the key is absent.
    return policyValues.some((value) => value.toLowerCase() === String(!present));
  }
  if (!present)
    return parsed.ifExists || parsed.base in NEGATED_OPERATORS || parsed.setOperator === 'ForAllValues';
  const negatedBase = NEGATED_OPERATORS[parsed.base];
  const compare = POSITIVE_OPERATORS[negatedBase ?? parsed.base]!;
  const matchesOne = (value: string) => policyValues.some((policyValue) => compare(value, policyValue));
  const values = list(raw);
  let matched: boolean;
  if (parsed.setOperator === 'ForAllValues') matched = values.every(matchesOne);
  else matched = values.some(matchesOne);
  return negatedBase ? !matched : matched;
}

function conditionsHold(block: ConditionBlock | undefined, context: RequestContext): boolean {
  if (!block) return true;
  return Object.entries(block).every(([operator, entries]) =>
    Object.entries(entries).every(([key, values]) =>
      conditionHolds(
        operator,
        key,
        list(values).map((value) => String(value)),
        context,
      ),
    ),
  );
}

function statementApplies(statement: Statement, request: AuthorizationRequest): boolean {
  const actionMatches = (patterns: string[]) =>
    patterns.some((pattern) => globMatch(pattern, request.action, true));
  if (statement.Action !== undefined && !actionMatches(list(statement.Action))) return false;
  if (statement.NotAction !== undefined && actionMatches(list(statement.NotAction))) return false;

  const resourceMatches = (patterns: string[]) =>
    patterns.some((pattern) =>
      globMatch(substituteVariables(pattern, request.context), request.resource, false),
    );
  if (statement.Resource !== undefined && !resourceMatches(list(statement.Resource))) return false;
  if (statement.NotResource !== undefined && resourceMatches(list(statement.NotResource))) return false;

  if (statement.Principal !== undefined) {
    if (!request.principal || !principalMatches(statement.Principal, request.principal)) return false;
  }
  return conditionsHold(statement.Condition, request.context);
}

export function evaluatePolicies(policies: PolicyDocument[], request: AuthorizationRequest): Decision {
  let allowed = false;
  for (const policy of policies) {
    for (const statement of list(policy.Statement)) {
      if (!statementApplies(statement, request)) continue;
      if (statement.Effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}

/** Whether the statement that allowed `request` named the principal itself rather than its whole account. */
export function allowsPrincipalDirectly(policies: PolicyDocument[], request: AuthorizationRequest): boolean {
  if (!request.principal) return false;
  const direct: PrincipalRef = { account: '\u0000', arns: request.principal.arns };
  return evaluatePolicies(policies, { ...request, principal: direct }) === 'allow';
}

/** Problems a scenario's policy would be refused for by IAM (unknown condition operators, bad effect). */
export function policyProblems(policy: PolicyDocument): string[] {
  const problems: string[] = [];
  for (const statement of list(policy.Statement)) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
      problems.push(`Effect must be Allow or Deny`);
    for (const operator of Object.keys(statement.Condition ?? {})) {
      if (!parseOperator(operator)) problems.push(`unknown condition operator ${operator}`);
    }
  }
  return problems;
}
