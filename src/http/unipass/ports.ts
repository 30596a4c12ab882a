// What the UNI-PASS-compatible Open API needs from the platform. The platform implements
// these ports (database, reference data); the routes only translate query strings to calls
// and answers to UNI-PASS XML. Field names are UNI-PASS's own element names so that the
// mapping is visible in one place (domain-rules §7.2, §7.3, §6.5).

/** A value rendered as element text: null/undefined render as an empty element. */
export type XmlText = string | number | null | undefined;

/** The five APIs served, each with its own key (crkyCn), as UNI-PASS issues one key per API. */
export type UnipassApi = 'API001' | 'API012' | 'API018' | 'API028' | 'API030';

/** One processing event of API001 (cargCsclPrgsInfoDtlQryVo). */
export interface CargoProgressEvent {
  cargTrcnRelaBsopTpcd: string; // 처리구분, e.g. "반입신고" (see CARGO_EVENT in src/domain/unipass-vocabulary.ts)
  prcsDttm: string; // 처리일시, YYYYMMDDHHMMSS (KST)
  shedNm?: XmlText; // 장치장명
  shedSgn?: XmlText; // 장치장부호
  dclrNo?: XmlText; // 신고번호 (통관목록 번호, 수입신고번호, 반입신고번호 …)
  rlbrDttm?: XmlText; // 반출입일시, captured as "YYYY-MM-DD HH:MM:SS"
  rlbrBssNo?: XmlText; // 반출입근거번호 (or the broker's name on 수입신고)
  rlbrCn?: XmlText; // 반출입내용, e.g. "목록통관특송물품 반출"
  bfhnGdncCn?: XmlText; // 사전안내내용
  wght?: XmlText; // 중량
  wghtUt?: XmlText; // 중량단위, e.g. KG
  pckGcnt?: XmlText; // 포장개수
  pckUt?: XmlText; // 포장단위, e.g. CT
}

/** API001 summary (cargCsclPrgsInfoQryVo) plus its events. */
export interface CargoProgress {
  cargMtNo: string; // 화물관리번호 (≥ 15 chars)
  prgsStts?: XmlText; // 진행상태
  prgsStCd?: XmlText; // 진행상태코드
  csclPrgsStts?: XmlText; // 통관진행상태
  mblNo?: XmlText; // Master B/L
  hblNo?: XmlText; // House B/L
  prnm?: XmlText; // 품명
  cargTp?: XmlText; // 화물구분, e.g. "수입 일반화물"
  shipNm?: XmlText; // 선박/편명
  vydf?: XmlText; // 항차
  shcoFlcoSgn?: XmlText; // 선사/항공사 부호
  shcoFlco?: XmlText; // 선사/항공사
  frwrSgn?: XmlText; // 화물운송주선업자 부호
  frwrEntsConm?: XmlText; // 화물운송주선업자 상호
  agnc?: XmlText; // 대리점
  ldprCd?: XmlText; // 적재항 코드
  ldprNm?: XmlText; // 적재항명
  lodCntyCd?: XmlText; // 적출국가 코드
  dsprCd?: XmlText; // 양륙항 코드
  dsprNm?: XmlText; // 양륙항명
  etprCstm?: XmlText; // 입항세관
  etprDt?: XmlText; // 입항일자 YYYYMMDD
  blPt?: XmlText; // B/L 유형, e.g. X
  blPtNm?: XmlText; // B/L 유형명, e.g. "특송화물 Sample"
  shipNat?: XmlText; // 선박국적 코드
  shipNatNm?: XmlText; // 선박국적명
  cntrNo?: XmlText; // 컨테이너번호
  cntrGcnt?: XmlText; // 컨테이너 개수
  pckGcnt?: XmlText; // 포장개수
  pckUt?: XmlText; // 포장단위
  ttwg?: XmlText; // 총중량
  wghtUt?: XmlText; // 중량단위
  msrm?: XmlText; // 용적
  prcsDttm?: XmlText; // 처리일시 YYYYMMDDHHMMSS (of the latest event)
  spcnCargCd?: XmlText; // 특수화물코드, e.g. ELI
  rlseDtyPridPassTpcd?: XmlText; // 반출의무과태료 (Y/N)
  dclrDelyAdtxYn?: XmlText; // 신고지연가산세 (Y/N)
  mtTrgtCargYnNm?: XmlText; // 관리대상화물 여부 (Y/N)
  /** Newest first (the route re-sorts stably by prcsDttm, newest first, to be sure). */
  events: CargoProgressEvent[];
}

/** One row of API012 (trifFxrtInfoQryRsltVo). */
export interface ExchangeRateRow {
  currSgn: string; // 통화부호, e.g. USD
  fxrt: string; // 환율 (KRW per unit, per 100 for JPY-like currencies as published)
  aplyBgnDt: string; // 적용개시일자 YYYYMMDD (the Sunday of the rate week)
  cntySgn: string; // 국가부호, e.g. US
  mtryUtNm: string; // 화폐단위명, in English, e.g. "UAE Dirham" (some guides spell it mtryUtlNm; live is mtryUtNm)
  imexTp: string; // 1 수출, 2 수입
}

/** One row of API018 (hsSgnSrchRsltVo). */
export interface HsRow {
  hsSgn: string; // 10-digit HSK
  korePrnm: string; // 한글품명
  englPrnm: string; // 영문품명
  txrt: string; // 세율 (percent, e.g. "8")
  txtpSgn: string; // 세율구분 (e.g. A 기본세율, C WTO협정세율, FAS1 …)
  wghtUt: string; // 중량단위
  qtyUt: string; // 수량단위
}

/** One row of API030 (trrtQryRsltVo). */
export interface TariffRateRow {
  hsSgn: string;
  trrt: string; // 세율 (percent)
  trrtTpcd: string; // 세율구분코드, e.g. A
  trrtTpNm: string; // 세율구분명, e.g. 기본세율
  aplyStrtDt: string; // 적용시작일 YYYYMMDD
  aplyEndDt: string; // 적용종료일 YYYYMMDD
  /** 단위당세액 (specific duty); two clients report this element, empty for ad valorem lines. */
  prutXamt?: string;
  /** 기준가격; two clients report this element, usually empty. */
  basePrc?: string;
}

export interface PcccCheckResult {
  matched: boolean;
  /** errMsgCn texts when not matched; use PCCC_ERROR from src/domain/unipass-vocabulary.ts. */
  errors: string[];
}

export interface UnipassPorts {
  /** 0, 1 or several shipments; events newest first. Data up to 3 years after arrival (UNI-PASS keeps 3). */
  findCargoProgress(q: { cargMtNo?: string; hblNo?: string; mblNo?: string; blYy?: string }): Promise<CargoProgress[]>;
  /** The customs exchange rates (과세환율) of the week containing `date`. */
  exchangeRates(q: { date: string /* YYYYMMDD */; imexTp: '1' | '2' }): Promise<ExchangeRateRow[]>;
  /** HS search by code (hsSgn, digits) and/or name (keyword); koenTp '1' Korean, '2' English. */
  searchHs(q: { hsSgn?: string; koenTp?: string; keyword?: string }): Promise<HsRow[]>;
  /** PCCC check; persEcm upper-cased, cralTelno and custPsno digits only. */
  pcccCheck(q: { persEcm: string; pltxNm: string; cralTelno: string; custPsno?: string }): Promise<PcccCheckResult>;
  tariffRates(q: { hsSgn: string }): Promise<TariffRateRow[]>;
  /** Whether `crkyCn` is a valid, active key for `api`. Called only with a non-empty key. */
  isValidKey(api: UnipassApi, crkyCn: string): Promise<boolean>;
}
