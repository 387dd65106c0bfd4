/**
 * Labelled queries over the seed knowledge base: customer messages as people write them (not the
 * article titles), each with the topic(s) that answer it; `[]` = nothing in the knowledge base
 * answers it, and self-service must then stay silent. Locale picks which translation is relevant.
 */
export interface LabelledQuery {
  q: string;
  locale: 'en' | 'zh-CN' | 'zh-TW';
  topics: string[];
}

const en = (q: string, ...topics: string[]): LabelledQuery => ({ q, locale: 'en', topics });
const cn = (q: string, ...topics: string[]): LabelledQuery => ({ q, locale: 'zh-CN', topics });
const tw = (q: string, ...topics: string[]): LabelledQuery => ({ q, locale: 'zh-TW', topics });

export const LABELLED_QUERIES: LabelledQuery[] = [
  en('where is my parcel right now', 'track-order'),
  en('I need the tracking number for my order', 'track-order'),
  cn('我的快递到哪了', 'track-order'),
  cn('怎么看物流信息', 'track-order'),
  tw('我想查一下包裹的物流進度', 'track-order'),

  en('how many days until my order arrives', 'delivery-time'),
  en('when will my package be delivered if I order today', 'delivery-time'),
  cn('一般几天能到货', 'delivery-time'),
  cn('今天下单明天能送到吗', 'delivery-time'),
  tw('下單後大概幾天會送到', 'delivery-time'),

  en('how much is shipping', 'shipping-fee'),
  en('minimum order for free shipping', 'shipping-fee'),
  cn('满多少钱包邮', 'shipping-fee'),
  cn('运费要多少钱', 'shipping-fee'),
  tw('運費怎麼計算', 'shipping-fee'),

  en('can you send my order to Canada', 'international-shipping'),
  en('do I have to pay customs duties on an overseas order', 'international-shipping'),
  cn('能寄到新加坡吗', 'international-shipping'),
  cn('海外订单要交关税吗', 'international-shipping'),
  tw('可以寄到日本嗎', 'international-shipping'),

  en('it says delivered but there is no package at my door', 'package-not-received'),
  en('my parcel was lost by the courier', 'package-not-received'),
  cn('显示签收了但是我根本没收到', 'package-not-received'),
  cn('快递丢了怎么办', 'package-not-received'),
  tw('物流顯示已簽收可是我沒拿到包裹', 'package-not-received'),

  en('I entered the wrong delivery address', 'change-address', 'intercept-shipped-order'),
  en('update address on my order', 'change-address'),
  cn('地址填错了能改吗', 'change-address'),
  cn('下单后想换个收货地址', 'change-address'),
  tw('收貨地址寫錯了要怎麼修改', 'change-address'),

  en('I want to cancel my purchase', 'cancel-order'),
  en('how to cancel an order that has not shipped', 'cancel-order'),
  cn('不想要了怎么取消订单', 'cancel-order'),
  cn('订单还没发货可以取消吗', 'cancel-order'),
  tw('我要取消訂單', 'cancel-order'),

  en('I ordered the wrong size, can I change it before it ships', 'modify-order', 'exchange'),
  en('change the quantity in my order', 'modify-order'),
  cn('下单选错颜色了能改吗', 'modify-order'),
  cn('订单里的数量想改一下', 'modify-order'),
  tw('訂單的尺碼選錯了還沒出貨可以改嗎', 'modify-order'),

  en('can I send back an item I do not like', 'return-policy'),
  en('how many days do I have to return something', 'return-policy'),
  cn('可以七天无理由退货吗', 'return-policy'),
  cn('化妆品拆封了还能退吗', 'return-policy'),
  tw('不喜歡可以退貨嗎', 'return-policy'),

  en('the shoes are too small, I want a bigger size', 'exchange'),
  en('how do I swap for a different colour', 'exchange'),
  cn('尺码小了想换大一码', 'exchange'),
  cn('衣服能换个颜色吗', 'exchange'),
  tw('鞋子太小了想換貨', 'exchange'),

  en('do I pay the postage when I return an item', 'return-shipping-cost'),
  en('is the return label free', 'return-shipping-cost'),
  cn('退货的运费谁出', 'return-shipping-cost'),
  cn('运费险能赔多少', 'return-shipping-cost'),
  tw('退貨運費要自己付嗎', 'return-shipping-cost'),

  en('when will I get my money back', 'refund-time'),
  en('how long until the refund reaches my credit card', 'refund-time'),
  cn('退款几天能到账', 'refund-time'),
  cn('退到微信要多久', 'refund-time'),
  tw('退款多久會到帳', 'refund-time'),

  en('refund completed but nothing in my bank account', 'refund-missing'),
  en('I still have not received my refund', 'refund-missing', 'refund-time'),
  cn('退款成功了钱还没到', 'refund-missing'),
  cn('退款一直没收到', 'refund-missing', 'refund-time'),
  tw('顯示退款完成但銀行帳戶沒收到錢', 'refund-missing'),

  en('can I pay with PayPal', 'payment-methods'),
  en('do you offer cash on delivery or instalments', 'payment-methods'),
  cn('能用信用卡分期吗', 'payment-methods'),
  cn('支持货到付款吗', 'payment-methods'),
  tw('可以用支付寶付款嗎', 'payment-methods'),

  en('my card was charged twice', 'payment-failed'),
  en('payment did not go through', 'payment-failed'),
  cn('付款失败了怎么回事', 'payment-failed'),
  cn('扣了两次钱', 'payment-failed'),
  tw('錢被扣了但訂單顯示未付款', 'payment-failed'),

  en('I need a receipt with my company tax number', 'invoice'),
  en('where can I download the invoice', 'invoice'),
  cn('怎么开增值税发票', 'invoice'),
  cn('发票抬头写错了能重开吗', 'invoice'),
  tw('發票要在哪裡下載', 'invoice'),

  en('my promo code is not working at checkout', 'coupons'),
  en('can I use two coupons on one order', 'coupons'),
  cn('优惠券在哪里用', 'coupons'),
  cn('可以同时用两张券吗', 'coupons'),
  tw('優惠碼要在哪裡輸入', 'coupons'),

  en('the item got cheaper a day after I paid', 'price-protection'),
  en('refund the price difference', 'price-protection'),
  cn('刚买就降价了能退差价吗', 'price-protection'),
  cn('怎么申请价保', 'price-protection'),
  tw('買了之後降價可以退差價嗎', 'price-protection'),

  en('when will this be back in stock', 'restock'),
  en('the product is sold out, can you notify me', 'restock'),
  cn('这个商品什么时候补货', 'restock'),
  cn('缺货了能帮我留一件吗', 'restock'),
  tw('商品缺貨什麼時候會有貨', 'restock'),

  en('I cannot remember my password', 'reset-password'),
  en('my account is locked after wrong passwords', 'reset-password'),
  cn('密码忘了登录不上', 'reset-password'),
  cn('怎么重置登录密码', 'reset-password'),
  tw('忘記密碼無法登入', 'reset-password'),

  en('someone hacked my account and placed orders', 'account-compromised'),
  en('there are orders I did not make on my account', 'account-compromised'),
  cn('我的账号被别人登录了', 'account-compromised'),
  cn('账户被盗刷了', 'account-compromised'),
  tw('帳號被盜了怎麼辦', 'account-compromised'),

  en('I got a new mobile number, how do I update it', 'change-phone'),
  en('old phone number no longer works for verification', 'change-phone'),
  cn('手机号换了怎么改绑定', 'change-phone'),
  cn('原来的手机号不用了收不到验证码', 'change-phone'),
  tw('要怎麼更換綁定的手機號碼', 'change-phone'),

  en('the app keeps crashing when I open it', 'app-problems'),
  en('pages will not load in the app', 'app-problems'),
  cn('app一打开就闪退', 'app-problems'),
  cn('页面加载不出来', 'app-problems'),
  tw('App一直閃退', 'app-problems'),

  en('the glass was broken when it arrived', 'damaged-item'),
  en('you sent me the wrong product', 'damaged-item'),
  cn('收到的东西碎了', 'damaged-item'),
  cn('发错货了', 'damaged-item'),
  tw('收到的商品破損了', 'damaged-item'),

  en('my headphones stopped working after two months', 'warranty'),
  en('is there a warranty on laptops', 'warranty'),
  cn('耳机坏了能保修吗', 'warranty'),
  cn('电子产品质保多久', 'warranty'),
  tw('手機壞了要怎麼送修', 'warranty'),

  en('how do I earn and redeem points', 'points'),
  en('do my reward points expire', 'points'),
  cn('积分怎么抵扣', 'points'),
  cn('积分会过期吗', 'points'),
  tw('會員積分怎麼使用', 'points'),

  en('I want to file a complaint about the service', 'complaint'),
  en('where can I send a suggestion', 'complaint'),
  cn('我要投诉', 'complaint'),
  cn('怎么给你们提意见', 'complaint'),
  tw('我要投訴客服態度', 'complaint'),

  // Nothing in the knowledge base answers these: a good self-service bot stays silent.
  en('do you sell gift cards for weddings'),
  en('what is the weather like in Shanghai'),
  en('are your factories audited for child labour'),
  en('can I become a seller on your marketplace'),
  en('I want to speak with your CEO'),
  cn('你们招聘客服吗'),
  cn('今天天气怎么样'),
  cn('你们公司在哪里上市'),
  cn('可以帮我写一首诗吗'),
  tw('你們有實體門市嗎'),
  tw('可以幫我推薦餐廳嗎'),
];
