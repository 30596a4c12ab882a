// Words UNI-PASS uses in its Open API answers, so that Tonggwan's own data can be shown to
// UNI-PASS clients in the words they already parse. Pure constants; no I/O.
// Sources: /work/shared/docs/domain-rules.md §6.5 and §7.2, which cite real captured
// responses (mooyoul/node-unipass fixtures/*.xml) and clients that match these strings.

/**
 * 처리구분 (cargTrcnRelaBsopTpcd) values seen in real API001 responses (domain-rules §7.2).
 * Clients compare these strings literally (e.g. "반출신고" + rlbrCn "목록통관특송물품 반출"
 * means released under list clearance), so emit them exactly, spaces included.
 */
export const CARGO_EVENT = {
  // manifest / arrival
  arrivalReportSubmitted: '입항보고 제출',
  arrivalReportAccepted: '입항보고 수리',
  manifestSubmitted: '입항적하목록 제출',
  manifestReviewed: '입항적하목록 심사완료',
  manifestVoyageCorrected: '입항적하목록 운항정보 정정',
  unloadingAcceptedAir: '하기신고 수리',
  unloadingAcceptedSea: '하선신고 수리',
  unloadingPeriodExtensionRequested: '하선장소 반입기간연장 승인신청',
  unloadingPeriodExtensionApproved: '하선장소 반입기간연장 승인',
  bondedTransportAccepted: '보세운송신고 수리',
  // bonded warehouse
  warehouseIn: '반입신고',
  warehouseOut: '반출신고',
  // list clearance (목록통관)
  listReceived: '통관목록접수',
  listReviewed: '통관목록심사완료',
  // formal import declaration (수입신고)
  importDeclared: '수입신고',
  importUnderReview: '수입(사용소비) 심사진행',
  importApprovalNotified: '수입(사용소비) 결재통보',
  importAccepted: '수입신고수리',
  clearanceHeld: '통관보류',
} as const;

export type CargoEventLabel = (typeof CARGO_EVENT)[keyof typeof CARGO_EVENT];

/** rlbrCn (반출입내용) texts seen with 반입신고 / 반출신고 (domain-rules §7.2). */
export const WAREHOUSE_MOVEMENT_TEXT = {
  inOnArrival: '입항 반입',
  inAfterBondedTransport: '보세운송 반입',
  outListClearance: '목록통관특송물품 반출',
  outAfterImportAcceptance: '수입신고 수리후 반출',
} as const;

/**
 * 진행상태코드 (prgsStCd) with the 진행상태 (prgsStts) they were seen with. Only codes seen in
 * captured responses are listed (node-unipass fixtures); the full code list is not public
 * (domain-rules §7.2). CAGB08 is named in §7.2 without its label, so it is left out.
 */
export const PROGRESS_STATUS: readonly { prgsStCd: string; prgsStts: string; source: string }[] = [
  { prgsStCd: 'IMPA36', prgsStts: '통관목록심사완료', source: 'node-unipass fixtures/completed-us-air2.xml' },
  { prgsStCd: 'CAGE12', prgsStts: '반출완료', source: 'node-unipass fixtures/completed-uk-air.xml' },
  { prgsStCd: 'CAGB09', prgsStts: '하선장소 반입기간연장 승인', source: 'node-unipass fixtures/in-progress.xml' },
];

/** 통관진행상태 (csclPrgsStts) values seen in captured responses. */
export const CLEARANCE_STATUS = {
  listReviewed: '통관목록심사완료',
  importAccepted: '수입신고수리',
} as const;

/**
 * errMsgCn texts of API028 (개인통관고유부호 검증), for the port implementation to return.
 * Clients test these with `includes(...)`, so the exact wording matters:
 * - notFound, nameMismatch, phoneMismatch: full strings matched by a public client that calls
 *   the live API (find_string id 30389893934; phone also id 35865184247; a Ruby client matches
 *   the fragments "존재하지" and "성명과 일치하지", id 16023288351). [code]
 * - zipMismatch: "우편번호가 일치하지 않습니다" per a client citing guide v4.0 (id 67253235867). [code]
 * - expired / notInUse: only the fragments "유효기간…" and "사용중이 아닌…" are known
 *   (domain-rules §6.5); the rest of each sentence is Tonggwan's wording. [UNCERTAIN]
 */
export const PCCC_ERROR = {
  notFound: '납세의무자 개인통관고유부호가 존재하지 않습니다.',
  nameMismatch: '개인통관고유부호의 성명과 일치하지 않습니다.',
  phoneMismatch: '납세의무자 휴대전화번호가 일치하지 않습니다.',
  zipMismatch: '우편번호가 일치하지 않습니다.',
  expired: '유효기간이 만료된 개인통관고유부호입니다.',
  notInUse: '사용중이 아닌 개인통관고유부호입니다.',
} as const;

export type PcccErrorKey = keyof typeof PCCC_ERROR;

/**
 * 세율구분 (API030 trrtTpcd / trrtTpNm, API018 txtpSgn) for the rate types Tonggwan's tariff
 * knows: the applied basic rate and the FTA rates of data/tariff.json (`fta`, by agreement code,
 * data/fta.json). Codes and names exactly as UNI-PASS API030 returned them, copied by a client
 * from captured answers ("관세청 UNI-PASS 관세율 조회가 실제로 돌려준 trrtTpNm 값", 2026-09-27;
 * find_string id 70854401049, RATE_KINDS); FUS1/FEU1 also in clients mapping origins to
 * agreements (id 11577885544; pilsunchoi/KCSTARIFF scripts, id 71166048166). [code]
 */
export const RATE_TYPE = {
  A: '기본세율',
  FEU1: '한ㆍEU FTA협정세율(선택1)',
  FGB1: '한ㆍ영국 FTA협정세율(선택1)',
  FUS1: '한ㆍ미 FTA 협정세율(선택1)',
} as const;

export type RateTypeCode = keyof typeof RATE_TYPE;

/** data/fta.json agreement code → UNI-PASS 세율구분 (선택1: the agreement's first schedule). */
export const FTA_RATE_TYPE: Readonly<Record<string, RateTypeCode>> = {
  KORUS: 'FUS1',
  KOREU: 'FEU1',
  KORUK: 'FGB1',
};
