*** Settings ***
Documentation       Warehouses and stock over HTTP: receive, issue, reserve, release and adjust; levels, the
...                 movement ledger, idempotency keys, reorder points, transfers between warehouses, cycle counts,
...                 bins, validation and permissions.
...
...                 The suite creates two warehouses with fresh codes, and every test creates its own products,
...                 so each test starts from empty stock levels and the suite can run again and again against
...                 the same database. Roles: a MANAGER (warehouses, products, adjustments, reorder points), a
...                 WAREHOUSE_STAFF user (movements) and a VIEWER (reads), each signed in once per run
...                 (`Role Token`, shared with the other suites).
...                 Run with ``robot --variable BASE_URL:http://127.0.0.1:8080 robot/suites``.

Resource            ../resources/graphql.resource

Suite Setup         Prepare Inventory Suite

Test Tags           api    inventory


*** Test Cases ***
Manager Creates A Warehouse
    [Documentation]    A MANAGER creates a warehouse with Thai and English names and an address; the code is
    ...    stored in capitals and the warehouse is listed. A code taken (in any case) is CONFLICT on
    ...    ``input.code``; a code with other characters is BAD_USER_INPUT on ``input.code``.
    ${code}=    Unique Warehouse Code
    ${lower_code}=    Convert To Lower Case    ${code}
    ${response}=    Create Warehouse Request    ${MANAGER}    code=${lower_code}    nameTh=คลังสินค้าบางนา
    ...    nameEn=Bang Na DC    address=88 ถนนบางนา-ตราด แขวงบางนา เขตบางนา กรุงเทพฯ 10260
    ${data}=    GraphQL Should Succeed    ${response}
    ${warehouse}=    Set Variable    ${data}[createWarehouse]
    Should Be Equal    ${warehouse}[code]    ${code}
    Should Be Equal    ${warehouse}[nameTh]    คลังสินค้าบางนา
    Should Be Equal    ${warehouse}[nameEn]    Bang Na DC
    Should Be Equal    ${warehouse}[address]    88 ถนนบางนา-ตราด แขวงบางนา เขตบางนา กรุงเทพฯ 10260
    Should Be True    $warehouse['isActive']
    ${response}=    GraphQL Request    ${WAREHOUSES}    token=${VIEWER}
    ${data}=    GraphQL Should Succeed    ${response}
    ${by_id}=    Evaluate    {w['id']: w for w in $data['warehouses']}
    Dictionaries Should Be Equal    ${{ $by_id.get($warehouse['id']) or {} }}    ${warehouse}
    ${response}=    Create Warehouse Request    ${MANAGER}    code=${code}    nameTh=คลังซ้ำ
    GraphQL Error Fields Should Be    ${response}    input.code    code=CONFLICT
    ${response}=    Create Warehouse Request    ${MANAGER}    code=คลัง-1    nameTh=คลังรหัสผิด
    GraphQL Error Fields Should Be    ${response}    input.code

Staff Receives, Issues, Reserves And Releases Stock
    [Documentation]    WAREHOUSE_STAFF moves stock; each payload carries the ledger entry (type, quantity,
    ...    deltas, the level after it, reference, actor) and the level: on hand, reserved and
    ...    available = on hand - reserved.
    ${product}=    Create Stock Product
    ${po}=    Unique Suffix
    ${moved}=    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    100
    ...    referenceType=PURCHASE_ORDER    referenceId=PO-${po}    note=รับสินค้าจากผู้ผลิต
    Stock Level Should Be    ${moved}[level]    100    0    100
    ${movement}=    Set Variable    ${moved}[movement]
    Should Be Equal    ${movement}[movementType]    RECEIVE
    Should Be Equal    ${movement}[productId]    ${product}[id]
    Should Be Equal    ${movement}[warehouseId]    ${WAREHOUSE}[id]
    Should Be Equal As Integers    ${movement}[quantity]    100
    Should Be Equal As Integers    ${movement}[onHandDelta]    100
    Should Be Equal As Integers    ${movement}[reservedDelta]    0
    Should Be Equal As Integers    ${movement}[onHandAfter]    100
    Should Be Equal    ${movement}[referenceType]    PURCHASE_ORDER
    Should Be Equal    ${movement}[referenceId]    PO-${po}
    Should Be Equal    ${movement}[note]    รับสินค้าจากผู้ผลิต
    Should Be Equal    ${movement}[actorUserId]    ${STAFF_USER}[id]
    ${moved}=    Move Stock    ${STAFF}    issue    ${product}[id]    ${WAREHOUSE}[id]    30
    ...    referenceType=DELIVERY_ORDER    referenceId=DO-${po}
    Stock Level Should Be    ${moved}[level]    70    0    70
    Should Be Equal As Integers    ${moved}[movement][onHandDelta]    -30
    ${moved}=    Move Stock    ${STAFF}    reserve    ${product}[id]    ${WAREHOUSE}[id]    20
    Stock Level Should Be    ${moved}[level]    70    20    50
    Should Be Equal As Integers    ${moved}[movement][onHandDelta]    0
    Should Be Equal As Integers    ${moved}[movement][reservedDelta]    20
    ${moved}=    Move Stock    ${STAFF}    release    ${product}[id]    ${WAREHOUSE}[id]    5
    Stock Level Should Be    ${moved}[level]    70    15    55
    Should Be Equal As Integers    ${moved}[movement][reservedDelta]    -5
    Should Be Equal As Integers    ${moved}[movement][reservedAfter]    15
    ${level}=    Stock Level    ${VIEWER}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    70    15    55

Issuing More Than Available Is INSUFFICIENT_STOCK
    [Documentation]    Issue and reserve may not exceed available stock (on hand - reserved), release may not
    ...    exceed what is reserved: refused with INSUFFICIENT_STOCK, the level unchanged. Exactly the available
    ...    quantity can be issued.
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    10
    Move Stock    ${STAFF}    reserve    ${product}[id]    ${WAREHOUSE}[id]    4
    ${response}=    Move Stock Request    ${STAFF}    issue    ${product}[id]    ${WAREHOUSE}[id]    7
    GraphQL Error Code Should Be    ${response}    INSUFFICIENT_STOCK
    ${response}=    Move Stock Request    ${STAFF}    reserve    ${product}[id]    ${WAREHOUSE}[id]    7
    GraphQL Error Code Should Be    ${response}    INSUFFICIENT_STOCK
    ${response}=    Move Stock Request    ${STAFF}    release    ${product}[id]    ${WAREHOUSE}[id]    5
    GraphQL Error Code Should Be    ${response}    INSUFFICIENT_STOCK
    ${level}=    Stock Level    ${STAFF}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    10    4    6
    ${moved}=    Move Stock    ${STAFF}    issue    ${product}[id]    ${WAREHOUSE}[id]    6
    Stock Level Should Be    ${moved}[level]    4    4    0
    ${response}=    Move Stock Request    ${STAFF}    issue    ${product}[id]    ${WAREHOUSE}[id]    1
    GraphQL Error Code Should Be    ${response}    INSUFFICIENT_STOCK
    # A product never received here has nothing to issue.
    ${empty}=    Create Stock Product
    ${response}=    Move Stock Request    ${STAFF}    issue    ${empty}[id]    ${WAREHOUSE}[id]    1
    GraphQL Error Code Should Be    ${response}    INSUFFICIENT_STOCK
    ${movements}=    Stock Movements    ${VIEWER}    productId=${product}[id]
    Length Should Be    ${movements}    3    msg=Refused movements must not be in the ledger: ${movements}

Invalid Movements Are BAD_USER_INPUT
    [Documentation]    A negative or zero quantity is BAD_USER_INPUT on ``input.quantity``; an adjustment without
    ...    a reason (empty or blank) on ``input.reason``; a zero change on ``input.quantityChange``; a too
    ...    short idempotency key on ``input.idempotencyKey``. Nothing moves.
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    10
    FOR    ${kind}    IN    receive    issue    reserve    release
        ${response}=    Move Stock Request    ${STAFF}    ${kind}    ${product}[id]    ${WAREHOUSE}[id]    -5
        GraphQL Error Fields Should Be    ${response}    input.quantity
    END
    ${response}=    Move Stock Request    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    0
    GraphQL Error Fields Should Be    ${response}    input.quantity
    ${response}=    Move Stock Request    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    1
    ...    idempotencyKey=short
    GraphQL Error Fields Should Be    ${response}    input.idempotencyKey
    ${response}=    Adjust Stock Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    -2    ${EMPTY}
    GraphQL Error Fields Should Be    ${response}    input.reason
    ${response}=    Adjust Stock Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    -2    ${SPACE * 3}
    GraphQL Error Fields Should Be    ${response}    input.reason
    ${response}=    Adjust Stock Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    0    นับผิด
    GraphQL Error Fields Should Be    ${response}    input.quantityChange
    ${level}=    Stock Level    ${STAFF}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    10    0    10
    ${movements}=    Stock Movements    ${VIEWER}    productId=${product}[id]
    Length Should Be    ${movements}    1

Manager Adjusts Stock With A Reason
    [Documentation]    ``adjustStock`` corrects on-hand stock up or down with a reason, recorded in the ledger as
    ...    ADJUST; it cannot take on-hand below what is reserved (INSUFFICIENT_STOCK).
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    10
    ${response}=    Adjust Stock Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    -2    สินค้าเสียหาย
    ...    note=กล่องแตก 2 ชิ้น
    ${data}=    GraphQL Should Succeed    ${response}
    Stock Level Should Be    ${data}[adjustStock][level]    8    0    8
    ${movement}=    Set Variable    ${data}[adjustStock][movement]
    Should Be Equal    ${movement}[movementType]    ADJUST
    Should Be Equal As Integers    ${movement}[quantity]    2
    Should Be Equal As Integers    ${movement}[onHandDelta]    -2
    Should Be Equal    ${movement}[reason]    สินค้าเสียหาย
    Should Be Equal    ${movement}[note]    กล่องแตก 2 ชิ้น
    ${response}=    Adjust Stock Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    1    พบสินค้าเพิ่ม
    ${data}=    GraphQL Should Succeed    ${response}
    Stock Level Should Be    ${data}[adjustStock][level]    9    0    9
    Move Stock    ${STAFF}    reserve    ${product}[id]    ${WAREHOUSE}[id]    9
    ${response}=    Adjust Stock Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    -1    สินค้าหาย
    GraphQL Error Code Should Be    ${response}    INSUFFICIENT_STOCK
    ${level}=    Stock Level    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    9    9    0

Stock Permissions Are Enforced
    [Documentation]    WAREHOUSE_STAFF may move stock but not adjust it, set reorder points or create
    ...    warehouses (FORBIDDEN); a VIEWER may read levels but not issue or receive (FORBIDDEN); without a
    ...    token reads are UNAUTHENTICATED. Refused requests change nothing.
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    10
    ${response}=    Adjust Stock Request    ${STAFF}    ${product}[id]    ${WAREHOUSE}[id]    -1    สินค้าเสียหาย
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${response}=    Set Reorder Point Request    ${STAFF}    ${product}[id]    ${WAREHOUSE}[id]    5    20
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${code}=    Unique Warehouse Code
    ${response}=    Create Warehouse Request    ${STAFF}    code=${code}    nameTh=คลังของพนักงาน
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${response}=    Move Stock Request    ${VIEWER}    issue    ${product}[id]    ${WAREHOUSE}[id]    1
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${response}=    Move Stock Request    ${VIEWER}    receive    ${product}[id]    ${WAREHOUSE}[id]    1
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${level}=    Stock Level    ${VIEWER}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    10    0    10
    Should Be Equal As Integers    ${level}[reorderPoint]    0
    ${response}=    GraphQL Request    ${STOCK_LEVELS}
    GraphQL Error Code Should Be    ${response}    UNAUTHENTICATED
    ${response}=    GraphQL Request    ${WAREHOUSES}
    GraphQL Error Code Should Be    ${response}    UNAUTHENTICATED

Unknown Product Or Warehouse Is NOT_FOUND
    [Documentation]    Moving stock of a product id or into a warehouse id that does not exist is NOT_FOUND, for
    ...    movements, adjustments and reorder points alike.
    ${unknown}=    Evaluate    str(uuid.uuid4())    modules=uuid
    ${product}=    Create Stock Product
    ${response}=    Move Stock Request    ${STAFF}    receive    ${unknown}    ${WAREHOUSE}[id]    5
    GraphQL Error Code Should Be    ${response}    NOT_FOUND
    ${response}=    Move Stock Request    ${STAFF}    receive    ${product}[id]    ${unknown}    5
    GraphQL Error Code Should Be    ${response}    NOT_FOUND
    ${response}=    Adjust Stock Request    ${MANAGER}    ${unknown}    ${WAREHOUSE}[id]    5    พบสินค้าเพิ่ม
    GraphQL Error Code Should Be    ${response}    NOT_FOUND
    ${response}=    Set Reorder Point Request    ${MANAGER}    ${unknown}    ${WAREHOUSE}[id]    5    20
    GraphQL Error Code Should Be    ${response}    NOT_FOUND
    ${levels}=    Stock Levels    ${VIEWER}    productId=${unknown}
    Should Be Empty    ${levels}

Archived Product Cannot Receive Stock
    [Documentation]    An archived product receives no more stock (CONFLICT), but what is on hand can still be
    ...    issued.
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    5
    ${response}=    Archive Product Request    ${MANAGER}    ${product}[id]
    GraphQL Should Succeed    ${response}
    ${response}=    Move Stock Request    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    5
    GraphQL Error Code Should Be    ${response}    CONFLICT
    ${moved}=    Move Stock    ${STAFF}    issue    ${product}[id]    ${WAREHOUSE}[id]    5
    Stock Level Should Be    ${moved}[level]    0    0    0

Inactive Warehouse Accepts No Movements
    [Documentation]    A MANAGER deactivates a warehouse with ``updateWarehouse``: movements there are refused with
    ...    CONFLICT until it is active again.
    ${warehouse}=    Create Warehouse As    ${MANAGER}    คลังปิดปรับปรุง
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${warehouse}[id]    5
    ${response}=    Update Warehouse Request    ${MANAGER}    ${warehouse}[id]    isActive=${False}
    ${data}=    GraphQL Should Succeed    ${response}
    Should Not Be True    $data['updateWarehouse']['isActive']
    ${response}=    Move Stock Request    ${STAFF}    issue    ${product}[id]    ${warehouse}[id]    1
    GraphQL Error Code Should Be    ${response}    CONFLICT
    ${response}=    Update Warehouse Request    ${STAFF}    ${warehouse}[id]    isActive=${True}
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${response}=    Update Warehouse Request    ${MANAGER}    ${warehouse}[id]    isActive=${True}
    GraphQL Should Succeed    ${response}
    ${moved}=    Move Stock    ${STAFF}    issue    ${product}[id]    ${warehouse}[id]    1
    Stock Level Should Be    ${moved}[level]    4    0    4

Same Idempotency Key Applies A Receipt Once
    [Documentation]    Sending the same receipt twice with one idempotency key (a retry after a timeout) returns
    ...    the first movement again and counts the stock once; the same key with a different quantity is
    ...    refused with CONFLICT and moves nothing.
    ${product}=    Create Stock Product
    ${suffix}=    Unique Suffix
    ${key}=    Set Variable    receive-${suffix}
    ${first}=    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    10
    ...    referenceType=PURCHASE_ORDER    referenceId=PO-${suffix}    idempotencyKey=${key}
    ${again}=    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    10
    ...    referenceType=PURCHASE_ORDER    referenceId=PO-${suffix}    idempotencyKey=${key}
    Should Be Equal    ${again}[movement][id]    ${first}[movement][id]
    Stock Level Should Be    ${again}[level]    10    0    10
    ${level}=    Stock Level    ${STAFF}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    10    0    10
    ${response}=    Move Stock Request    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    11
    ...    referenceType=PURCHASE_ORDER    referenceId=PO-${suffix}    idempotencyKey=${key}
    GraphQL Error Code Should Be    ${response}    CONFLICT
    ${level}=    Stock Level    ${STAFF}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    10    0    10
    ${movements}=    Stock Movements    ${VIEWER}    productId=${product}[id]
    ${ids}=    Evaluate    [m['id'] for m in $movements]
    Lists Should Be Equal    ${ids}    ${{ [$first['movement']['id']] }}

Level Below Its Reorder Point Is Listed As Low Stock
    [Documentation]    With a reorder point set, a level whose available stock falls to or below it is flagged
    ...    ``belowReorderPoint`` and listed by ``stockLevels(filter: {belowReorderPoint: true})``; stock received
    ...    above the point takes it off the list again, and raising the point above the stock puts it back.
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    50
    ${response}=    Set Reorder Point Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    20    100
    ${data}=    GraphQL Should Succeed    ${response}
    ${level}=    Set Variable    ${data}[setReorderPoint]
    Should Be Equal As Integers    ${level}[reorderPoint]    20
    Should Be Equal As Integers    ${level}[reorderQuantity]    100
    Should Not Be True    $level['belowReorderPoint']
    Low Stock Should Not List    ${product}[id]
    ${moved}=    Move Stock    ${STAFF}    issue    ${product}[id]    ${WAREHOUSE}[id]    30
    Stock Level Should Be    ${moved}[level]    20    0    20
    Should Be True    $moved['level']['belowReorderPoint']    msg=Available 20 is at the reorder point 20
    Low Stock Should List    ${product}[id]
    ${moved}=    Move Stock    ${STAFF}    issue    ${product}[id]    ${WAREHOUSE}[id]    5
    Should Be True    $moved['level']['belowReorderPoint']
    Low Stock Should List    ${product}[id]
    ${moved}=    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    100
    Should Not Be True    $moved['level']['belowReorderPoint']
    Low Stock Should Not List    ${product}[id]
    ${above}=    Stock Levels    ${VIEWER}    warehouseId=${WAREHOUSE}[id]    belowReorderPoint=${False}
    ${ids}=    Evaluate    [level['productId'] for level in $above]
    List Should Contain Value    ${ids}    ${product}[id]
    # Raising the point above what is available flags the level at once.
    ${response}=    Set Reorder Point Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    200    300
    ${data}=    GraphQL Should Succeed    ${response}
    Should Be True    $data['setReorderPoint']['belowReorderPoint']
    Low Stock Should List    ${product}[id]

Movement Ledger Lists Movements Newest First
    [Documentation]    ``stockMovements`` lists a product's movements newest first with their ``movementType``;
    ...    the newest entry's after-values match the level; filters by type and warehouse work, and pages walked
    ...    with ``first``/``after`` give the same order. ``Product.totalAvailable`` is the sum of available stock
    ...    over the warehouses.
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    40
    Move Stock    ${STAFF}    reserve    ${product}[id]    ${WAREHOUSE}[id]    15
    Move Stock    ${STAFF}    release    ${product}[id]    ${WAREHOUSE}[id]    5
    Move Stock    ${STAFF}    issue    ${product}[id]    ${WAREHOUSE}[id]    8
    ${response}=    Adjust Stock Request    ${MANAGER}    ${product}[id]    ${WAREHOUSE}[id]    -2    สินค้าเสียหาย
    GraphQL Should Succeed    ${response}
    Move Stock    ${STAFF}    receive    ${product}[id]    ${SECOND_WAREHOUSE}[id]    7
    ${movements}=    Stock Movements    ${VIEWER}    productId=${product}[id]    warehouseId=${WAREHOUSE}[id]
    ${types}=    Evaluate    [m['movementType'] for m in $movements]
    Lists Should Be Equal    ${types}    ${{ ['ADJUST', 'ISSUE', 'RELEASE', 'RESERVE', 'RECEIVE'] }}
    ${times}=    Evaluate    [m['occurredAt'] for m in $movements]
    FOR    ${newer}    ${older}    IN ZIP    ${times}[:-1]    ${times}[1:]
        ${newer_time}=    To Datetime    ${newer}
        ${older_time}=    To Datetime    ${older}
        Should Be True    $newer_time >= $older_time    msg=Not newest first: ${times}
    END
    ${level}=    Stock Level    ${VIEWER}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    30    10    20
    Should Be Equal As Integers    ${movements}[0][onHandAfter]    ${level}[onHand]
    Should Be Equal As Integers    ${movements}[0][reservedAfter]    ${level}[reserved]
    ${all}=    Stock Movements    ${VIEWER}    productId=${product}[id]
    Length Should Be    ${all}    6
    Should Be Equal    ${all}[0][warehouseId]    ${SECOND_WAREHOUSE}[id]
    ${issues}=    Stock Movements    ${VIEWER}    productId=${product}[id]    type=ISSUE
    Length Should Be    ${issues}    1
    Should Be Equal As Integers    ${issues}[0][quantity]    8
    ${first_page}=    Stock Movements Page    ${VIEWER}    ${4}    ${None}    productId=${product}[id]
    Should Be True    $first_page['pageInfo']['hasNextPage']
    ${second_page}=    Stock Movements Page    ${VIEWER}    ${4}    ${first_page}[pageInfo][endCursor]
    ...    productId=${product}[id]
    Should Not Be True    $second_page['pageInfo']['hasNextPage']
    ${paged}=    Evaluate    [e['node']['id'] for e in $first_page['edges'] + $second_page['edges']]
    Lists Should Be Equal    ${paged}    ${{ [m['id'] for m in $all] }}
    ${response}=    GraphQL Request    ${PRODUCT_STOCK}    ${{ {'id': $product['id']} }}    token=${VIEWER}
    ${data}=    GraphQL Should Succeed    ${response}
    ${stock}=    Set Variable    ${data}[product]
    Should Be Equal As Integers    ${stock}[totalAvailable]    27
    ${sum}=    Evaluate    sum(level['available'] for level in $stock['stockLevels'])
    Should Be Equal As Integers    ${stock}[totalAvailable]    ${sum}
    ${warehouses}=    Evaluate    sorted(level['warehouseId'] for level in $stock['stockLevels'])
    Lists Should Be Equal    ${warehouses}    ${{ sorted([$WAREHOUSE['id'], $SECOND_WAREHOUSE['id']]) }}

Manager Organises A Warehouse Into Bins
    [Documentation]    A MANAGER creates bins (codes stored in capitals, unique within the warehouse: a taken code is
    ...    CONFLICT on ``input.code``) and names a product's home bin; the level shows it and the bin's pick list
    ...    (``stockLevels(filter: {binId})``) lists the product. A bin of the other warehouse is BAD_USER_INPUT on
    ...    ``input.binId``, and WAREHOUSE_STAFF may not create bins.
    ${product}=    Create Stock Product
    ${bin}=    Create Bin As    ${MANAGER}    ${WAREHOUSE}[id]    a-01-2    โซน A ชั้นวางสินค้าเบา ชั้น 2
    Should Be Equal    ${bin}[code]    A-01-2
    Should Be True    $bin['isActive']
    ${response}=    Create Bin Request    ${MANAGER}    ${WAREHOUSE}[id]    A-01-2
    GraphQL Error Fields Should Be    ${response}    input.code    code=CONFLICT
    ${response}=    Create Bin Request    ${STAFF}    ${WAREHOUSE}[id]    A-01-9
    GraphQL Error Code Should Be    ${response}    FORBIDDEN
    ${input}=    Create Dictionary    productId=${product}[id]    warehouseId=${WAREHOUSE}[id]    binId=${bin}[id]
    ${response}=    GraphQL Request    ${ASSIGN_BIN}    ${{ {'input': $input} }}    token=${MANAGER}
    ${data}=    GraphQL Should Succeed    ${response}
    Should Be Equal    ${data}[assignBin][bin][code]    A-01-2
    Should Be Equal As Integers    ${data}[assignBin][onHand]    0
    ${filter}=    Create Dictionary    binId=${bin}[id]
    ${response}=    GraphQL Request    ${BIN_PICK_LIST}    ${{ {'filter': $filter} }}    token=${VIEWER}
    ${data}=    GraphQL Should Succeed    ${response}
    ${listed}=    Evaluate    [edge['node']['productId'] for edge in $data['stockLevels']['edges']]
    Lists Should Be Equal    ${listed}    ${{ [$product['id']] }}
    ${foreign}=    Create Bin As    ${MANAGER}    ${SECOND_WAREHOUSE}[id]    A-01-2    โซน A เชียงใหม่
    ${input}=    Create Dictionary    productId=${product}[id]    warehouseId=${WAREHOUSE}[id]    binId=${foreign}[id]
    ${response}=    GraphQL Request    ${ASSIGN_BIN}    ${{ {'input': $input} }}    token=${MANAGER}
    GraphQL Error Fields Should Be    ${response}    input.binId


Staff Transfers Stock And The Other Warehouse Receives It In Parts
    [Documentation]    WAREHOUSE_STAFF sends 30 units to the second warehouse: the transfer is IN_TRANSIT and the
    ...    sending level drops at once; receiving 10 makes it PARTIALLY_RECEIVED, the remaining 20 RECEIVED, and the
    ...    receiving level holds 30. Receiving more than is outstanding is BAD_USER_INPUT on the line's own path
    ...    (``input.lines.0.quantity``); sending more than is available is INSUFFICIENT_STOCK; the ledger has a
    ...    TRANSFER_OUT and two TRANSFER_IN entries referring to the transfer.
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    100
    ${response}=    Transfer Request    ${product}[id]    101
    GraphQL Error Code Should Be    ${response}    INSUFFICIENT_STOCK
    ${response}=    Transfer Request    ${product}[id]    30
    ${data}=    GraphQL Should Succeed    ${response}
    ${transfer}=    Set Variable    ${data}[transferStock]
    Should Be Equal    ${transfer}[status]    IN_TRANSIT
    Should Be Equal As Integers    ${transfer}[lines][0][quantityOutstanding]    30
    ${level}=    Stock Level    ${VIEWER}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    70    0    70
    ${transfer}=    Receive Transfer Part    ${transfer}[id]    ${product}[id]    10
    Should Be Equal    ${transfer}[status]    PARTIALLY_RECEIVED
    ${line}=    Create Dictionary    productId=${product}[id]    quantity=${21}
    ${input}=    Create Dictionary    transferId=${transfer}[id]    lines=${{ [$line] }}
    ${response}=    GraphQL Request    ${RECEIVE_TRANSFER}    ${{ {'input': $input} }}    token=${STAFF}
    GraphQL Error Fields Should Be    ${response}    input.lines.0.quantity
    ${transfer}=    Receive Transfer Part    ${transfer}[id]    ${product}[id]    20
    Should Be Equal    ${transfer}[status]    RECEIVED
    Should Be Equal As Integers    ${transfer}[lines][0][quantityReceived]    30
    ${level}=    Stock Level    ${VIEWER}    ${product}[id]    ${SECOND_WAREHOUSE}[id]
    Stock Level Should Be    ${level}    30    0    30
    ${movements}=    Stock Movements    ${VIEWER}    productId=${product}[id]
    # A comprehension cannot see Robot's $variables: the id goes in as text.
    ${transfer_moves}=    Evaluate
    ...    sorted((m['movementType'], m['quantity']) for m in $movements if m['referenceId'] == '${transfer}[id]')
    Should Be Equal    ${transfer_moves}    ${{ [('TRANSFER_IN', 10), ('TRANSFER_IN', 20), ('TRANSFER_OUT', 30)] }}

A Cycle Count Posts Its Variance When Completed
    [Documentation]    A MANAGER starts a count of the warehouse; WAREHOUSE_STAFF records 47 found where 50 are on
    ...    hand (and corrects a line by recording it again); completing the count posts a COUNT_VARIANCE of 3 down,
    ...    shows expected 50 and variance -3, and leaves 47 on hand. Recording on a completed count is CONFLICT.
    ${product}=    Create Stock Product
    Move Stock    ${STAFF}    receive    ${product}[id]    ${WAREHOUSE}[id]    50
    ${input}=    Create Dictionary    warehouseId=${WAREHOUSE}[id]    note=ตรวจนับประจำเดือน
    ${response}=    GraphQL Request    ${START_COUNT}    ${{ {'input': $input} }}    token=${MANAGER}
    ${data}=    GraphQL Should Succeed    ${response}
    ${count}=    Set Variable    ${data}[startStockCount]
    Should Be Equal    ${count}[status]    OPEN
    Record Count Line    ${count}[id]    ${product}[id]    45
    ${count}=    Record Count Line    ${count}[id]    ${product}[id]    47
    Length Should Be    ${count}[lines]    1
    Should Be Equal As Integers    ${count}[lines][0][countedQuantity]    47
    ${input}=    Create Dictionary    countId=${count}[id]
    ${response}=    GraphQL Request    ${COMPLETE_COUNT}    ${{ {'input': $input} }}    token=${MANAGER}
    ${data}=    GraphQL Should Succeed    ${response}
    ${count}=    Set Variable    ${data}[completeStockCount]
    Should Be Equal    ${count}[status]    COMPLETED
    Should Be Equal As Integers    ${count}[lines][0][expectedQuantity]    50
    Should Be Equal As Integers    ${count}[lines][0][variance]    -3
    ${level}=    Stock Level    ${VIEWER}    ${product}[id]    ${WAREHOUSE}[id]
    Stock Level Should Be    ${level}    47    0    47
    ${variances}=    Stock Movements    ${VIEWER}    productId=${product}[id]    type=COUNT_VARIANCE
    Length Should Be    ${variances}    1
    Should Be Equal As Integers    ${variances}[0][onHandDelta]    -3
    Should Be Equal    ${variances}[0][referenceId]    ${count}[id]
    ${input}=    Create Dictionary    countId=${count}[id]    productId=${product}[id]    countedQuantity=${40}
    ${response}=    GraphQL Request    ${RECORD_COUNT_LINE}    ${{ {'input': $input} }}    token=${STAFF}
    GraphQL Error Code Should Be    ${response}    CONFLICT


*** Keywords ***
Transfer Request
    [Documentation]    WAREHOUSE_STAFF sends ``${quantity}`` of ``${product_id}`` from the suite's warehouse to the
    ...    second one; returns the raw response.
    [Arguments]    ${product_id}    ${quantity}
    ${line}=    Create Dictionary    productId=${product_id}    quantity=${{ int($quantity) }}
    ${input}=    Create Dictionary    fromWarehouseId=${WAREHOUSE}[id]    toWarehouseId=${SECOND_WAREHOUSE}[id]
    ...    lines=${{ [$line] }}    note=โอนไปคลังเชียงใหม่
    ${response}=    GraphQL Request    ${TRANSFER_STOCK}    ${{ {'input': $input} }}    token=${STAFF}
    RETURN    ${response}

Receive Transfer Part
    [Documentation]    WAREHOUSE_STAFF receives ``${quantity}`` of ``${product_id}`` on transfer ``${transfer_id}``;
    ...    returns the transfer.
    [Arguments]    ${transfer_id}    ${product_id}    ${quantity}
    ${line}=    Create Dictionary    productId=${product_id}    quantity=${{ int($quantity) }}
    ${input}=    Create Dictionary    transferId=${transfer_id}    lines=${{ [$line] }}
    ${response}=    GraphQL Request    ${RECEIVE_TRANSFER}    ${{ {'input': $input} }}    token=${STAFF}
    ${data}=    GraphQL Should Succeed    ${response}
    RETURN    ${data}[receiveTransfer]

Record Count Line
    [Documentation]    WAREHOUSE_STAFF records ``${counted}`` found of ``${product_id}`` on count ``${count_id}``;
    ...    returns the count.
    [Arguments]    ${count_id}    ${product_id}    ${counted}
    ${input}=    Create Dictionary    countId=${count_id}    productId=${product_id}    countedQuantity=${{ int($counted) }}
    ${response}=    GraphQL Request    ${RECORD_COUNT_LINE}    ${{ {'input': $input} }}    token=${STAFF}
    ${data}=    GraphQL Should Succeed    ${response}
    RETURN    ${data}[recordCountLine]

Create Bin Request
    [Documentation]    Sends ``createBin`` for ``${warehouse_id}`` with ``${code}`` (and ``${description}``) as
    ...    ``${token}``; returns the raw response.
    [Arguments]    ${token}    ${warehouse_id}    ${code}    ${description}=ชั้นวางทดสอบ
    ${input}=    Create Dictionary    warehouseId=${warehouse_id}    code=${code}    description=${description}
    ${response}=    GraphQL Request    ${CREATE_BIN}    ${{ {'input': $input} }}    token=${token}
    RETURN    ${response}

Create Bin As
    [Documentation]    Creates a bin with `Create Bin Request` and returns it.
    [Arguments]    ${token}    ${warehouse_id}    ${code}    ${description}=ชั้นวางทดสอบ
    ${response}=    Create Bin Request    ${token}    ${warehouse_id}    ${code}    ${description}
    ${data}=    GraphQL Should Succeed    ${response}
    RETURN    ${data}[createBin]

Prepare Inventory Suite
    [Documentation]    Opens the HTTP session, gets the MANAGER's (``${MANAGER}``), WAREHOUSE_STAFF's
    ...    (``${STAFF}``, user ``${STAFF_USER}``) and VIEWER's (``${VIEWER}``) tokens, and has the manager create
    ...    the suite's two warehouses (``${WAREHOUSE}``, ``${SECOND_WAREHOUSE}``).
    Create GraphQL Session    ${BASE_URL}
    ${manager}=    Role Token    MANAGER
    ${staff}=    Role Token    WAREHOUSE_STAFF
    ${staff_user}=    Role User    WAREHOUSE_STAFF
    ${viewer}=    Role Token    VIEWER
    Set Suite Variable    ${MANAGER}    ${manager}
    Set Suite Variable    ${STAFF}    ${staff}
    Set Suite Variable    ${STAFF_USER}    ${staff_user}
    Set Suite Variable    ${VIEWER}    ${viewer}
    ${warehouse}=    Create Warehouse As    ${MANAGER}    คลังสินค้าหลัก
    ${second}=    Create Warehouse As    ${MANAGER}    คลังสินค้าเชียงใหม่
    Set Suite Variable    ${WAREHOUSE}    ${warehouse}
    Set Suite Variable    ${SECOND_WAREHOUSE}    ${second}

Create Stock Product
    [Documentation]    Creates a fresh product (as the MANAGER) for one test's stock, so that its levels start
    ...    empty, and returns it.
    ${product}=    Create Product As    ${MANAGER}    nameTh=ข้าวหอมมะลิตราฉัตรทอง 5 กก.    unit=ถุง
    ...    price=189.00
    RETURN    ${product}

Low Stock Should List
    [Documentation]    Checks that ``stockLevels(filter: {warehouseId, belowReorderPoint: true})`` lists the level of
    ...    ``${product_id}`` in the suite's warehouse, flagged ``belowReorderPoint``.
    [Arguments]    ${product_id}
    ${levels}=    Stock Levels    ${VIEWER}    warehouseId=${WAREHOUSE}[id]    belowReorderPoint=${True}
    ${ids}=    Evaluate    [level['productId'] for level in $levels]
    List Should Contain Value    ${ids}    ${product_id}    msg=Low-stock levels should contain ${product_id}
    ${flags}=    Evaluate    {level['belowReorderPoint'] for level in $levels}
    Should Be Equal    ${flags}    ${{ {True} }}

Low Stock Should Not List
    [Documentation]    Checks that the low-stock list of the suite's warehouse does not contain ``${product_id}``.
    [Arguments]    ${product_id}
    ${levels}=    Stock Levels    ${VIEWER}    warehouseId=${WAREHOUSE}[id]    belowReorderPoint=${True}
    ${ids}=    Evaluate    [level['productId'] for level in $levels]
    List Should Not Contain Value    ${ids}    ${product_id}
