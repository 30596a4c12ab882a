// ntceInfo texts. Captured ones are UNI-PASS's exact wording; the others follow the captured
// pattern "<label>(<param>)은/는 필수입력입니다." or are Tonggwan's own wording, as marked.

export const NOTICE = {
  /** Captured (node-unipass fixtures/missing-key.xml; domain-rules §7.1). */
  missingKey: '인증키(crkyCn)는 필수입력입니다.',
  /** Captured (node-unipass fixtures/invalid-key.xml; domain-rules §7.1). */
  invalidKey: '존재하지 않는 인증키입니다.',
  /** Captured (node-unipass fixtures/missing-reference.xml; domain-rules §7.2). */
  missingCargoReference:
    '[화물관리번호(cargMtNo)], [Master B/L번호(mblNo)과 BL년도(blYy)], [House B/L번호(hblNo)과 BL년도(blYy)] 중 한가지는 필수입력입니다. 또는 화물관리번호는 15자리 이상 자리로 입력하셔야 합니다.',
  /** Captured (node-unipass fixtures/multiple-results.xml; domain-rules §7.1). */
  multipleCargo: '[N00] 조회 결과가 다건입니다. 상세내역조회를 위해서는 화물관리번호(cargMtNo)로 조회하시기 바랍니다.',
  /** Tonggwan's wording [UNCERTAIN: UNI-PASS's system-error text is not known]. */
  systemError: '시스템 오류가 발생했습니다. 잠시 후 다시 조회하시기 바랍니다.',
  /**
   * API028 mismatch notice. Tonggwan's wording [UNCERTAIN]: a client prints
   * `ntceInfo + " - " + errMsgCn` on tCnt 0 (find_string id 6513921178), so the element is
   * present and non-empty there, but its real text is not known.
   */
  pcccMismatch: '개인통관고유부호 검증 결과 일치하지 않는 항목이 있습니다.',
  /**
   * Over a rate limit (src/http/unipass/limits.ts), answered with HTTP 429 and Retry-After. Tonggwan's
   * wording [UNCERTAIN: UNI-PASS's text for its own call limits is not known], in the style of systemError.
   */
  rateLimited: '허용된 조회 건수를 초과하였습니다. 잠시 후 다시 조회하시기 바랍니다.',
  /**
   * A request line Node's HTTP parser refused (client-error.ts): a byte above 0x7E (Korean sent raw, not
   * percent-encoded) or a raw space in the URL. Tonggwan's wording [UNCERTAIN: UNI-PASS's is not known].
   */
  unencodedUrl: '요청 URL에 인코딩되지 않은 문자(한글, 공백 등)가 있어 요청을 읽을 수 없습니다. 값은 UTF-8로 퍼센트 인코딩하여 보내시기 바랍니다(예: 김 → %EA%B9%80, 공백 → %20).',
  // The other refusals of a request before its API reads it (client-error.ts), each Tonggwan's wording
  // [UNCERTAIN: UNI-PASS's are not known].
  /** Node's parser: the request line and headers over its 16 KB (HPE_HEADER_OVERFLOW). */
  requestTooLarge: '요청 URL 또는 헤더가 너무 길어 요청을 읽을 수 없습니다(요청 줄과 헤더를 합해 16KB 이내). 조회 조건을 확인하시기 바랍니다.',
  /** Fastify's router: a percent-escape in the path that is not UTF-8 or not hex (FST_ERR_BAD_URL). */
  malformedUrl: '요청 URL의 퍼센트 인코딩(%XX)이 올바르지 않아 요청을 읽을 수 없습니다. 값은 UTF-8로 퍼센트 인코딩하여 보내시기 바랍니다.',
  /** Node's request timeouts (headersTimeout, requestTimeout: 408 elsewhere): the head or the body did not all arrive in time. */
  requestTimeout: '요청이 제한 시간 안에 모두 도착하지 않아 요청을 읽을 수 없습니다. 다시 조회하시기 바랍니다.',
  /** Any other request Node or Fastify could not read (a bad method or version, a malformed body). */
  malformedRequest: 'HTTP 요청 형식이 올바르지 않아 요청을 읽을 수 없습니다. GET /ext/rest/{서비스}/{오퍼레이션}?{조회조건} 형식으로 요청하시기 바랍니다.',
  /** A path of no API served here (Tonggwan serves API001, 012, 018, 028 and 030). */
  unknownApi: '제공하지 않는 API 경로입니다. 요청 URL을 확인하시기 바랍니다(제공: API001 화물통관진행정보, API012 관세환율, API018 HS부호, API028 개인통관고유부호 검증, API030 관세율).',
  /** A served API's path with a method other than GET (or HEAD). */
  getOnly: 'GET 방식으로 조회하시기 바랍니다.',
  /** A body announced (Expect: 100-continue) larger than any route takes, refused before it is sent (413 PAYLOAD_TOO_LARGE elsewhere). */
  bodyTooLarge: '요청 본문이 너무 커서 요청을 받을 수 없습니다. 본문 없이 GET 방식으로 조회하시기 바랍니다.',
  /** An HTTP/1.1 request without a Host header (RFC 9112 §3.2: 400 HOST_REQUIRED elsewhere). */
  hostRequired: 'Host 헤더가 없어 요청을 처리할 수 없습니다. HTTP/1.1 요청에는 Host 헤더를 보내시기 바랍니다.',
  /** More than one Host header, or one whose value is not host[:port], an empty one included (RFC 9112 §3.2: 400 HOST_INVALID elsewhere). */
  hostInvalid: 'Host 헤더가 올바르지 않아 요청을 처리할 수 없습니다. Host 헤더는 하나만, 호스트[:포트] 형식으로 보내시기 바랍니다.',
} as const;

/** The labels of the parameters in notices (the captured ones: 인증키, 한영구분; the others are Tonggwan's). */
export const PARAM_LABEL = {
  crkyCn: '인증키',
  cargMtNo: '화물관리번호',
  mblNo: 'Master B/L번호',
  hblNo: 'House B/L번호',
  blYy: 'BL년도',
  qryYymmDd: '조회일자',
  imexTp: '수출입구분',
  hsSgn: 'HS부호',
  koenTp: '한영구분',
  prnm: '품명',
  persEcm: '개인통관고유부호',
  pltxNm: '납세의무자성명',
  cralTelno: '휴대전화번호',
  cphoneNo: '휴대전화번호',
  custPsno: '우편번호',
  trrtTpcd: '관세율구분',
} as const satisfies Record<string, string>;

/**
 * A value whose percent-encoding is not UTF-8 (query.ts: EUC-KR, most often). Tonggwan's wording
 * [UNCERTAIN: UNI-PASS's is not known].
 */
export function undecodableNotice(param: string): string {
  return formatNotice((PARAM_LABEL as Record<string, string | undefined>)[param] ?? param, param, 'UTF-8로 읽을 수 없는 값입니다. 한글은 UTF-8로 퍼센트 인코딩하여 보내시기 바랍니다(예: 김 → %EA%B9%80). EUC-KR 인코딩은 받지 않습니다.');
}

/**
 * A value PostgreSQL cannot store as text (NUL, `%00`; an unpaired surrogate), refused before any port
 * reads it, as /api refuses it (src/http/unusable-values.ts). Tonggwan's wording [UNCERTAIN: UNI-PASS's
 * is not known].
 */
export function unusableTextNotice(param: string): string {
  return formatNotice((PARAM_LABEL as Record<string, string | undefined>)[param] ?? param, param, '쓸 수 없는 문자(NUL 문자 %00 등)가 포함되어 있습니다. 그 문자를 빼고 보내시기 바랍니다.');
}

/** 은 after a final consonant (받침), 는 after a vowel or a non-Hangul character. */
export function topicParticle(word: string): '은' | '는' {
  const last = word.codePointAt(word.length - 1) ?? 0;
  if (last >= 0xac00 && last <= 0xd7a3) return (last - 0xac00) % 28 === 0 ? '는' : '은';
  return '는';
}

/**
 * "<label>(<param>)은/는 필수입력입니다." — captured for crkyCn ("인증키(crkyCn)는 …") and
 * koenTp ("한영구분(koenTp)은 …", a client's copy of a live answer, find_string id 69130108547);
 * for the other parameters the label is Tonggwan's [UNCERTAIN].
 */
export function requiredNotice(label: string, param: string): string {
  return `${label}(${param})${topicParticle(label)} 필수입력입니다.`;
}

/** Tonggwan's wording for a value of the wrong form [UNCERTAIN: UNI-PASS's text not known]. */
export function formatNotice(label: string, param: string, form: string): string {
  return `${label}(${param})${topicParticle(label)} ${form}`;
}
